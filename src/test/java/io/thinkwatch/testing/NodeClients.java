package io.thinkwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Real JavaScript clients from the npm registry, for the ITs that drive capture with them. The packages are pinned
 * in {@code src/test/node/package.json} and its {@code package-lock.json}; they are installed once per lockfile with
 * {@code npm ci} into {@code target/node-clients/<hash of the lockfile>}, so a rerun of the build reuses them and a
 * change of the lockfile installs afresh. A failed install fails the test that needed it, with npm's output: these
 * tests are never skipped silently. The scripts beside the lockfile ({@code *.mjs}) read their settings from
 * environment variables and print one JSON document on stdout.
 */
public final class NodeClients {

    private static final Logger LOG = Logger.getLogger(NodeClients.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SOURCE = Path.of("src", "test", "node");
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
    private static final String INSTALLED = ".installed";

    private static Path installed;
    private static String failed;

    private NodeClients() {}

    /** What a script did: its exit code, its stdout and its stderr. */
    public record Run(String script, int exitCode, String stdout, String stderr) {

        /** The script's stdout as JSON, or an {@link AssertionError} naming the exit code and stderr. */
        public JsonNode json() {
            if (exitCode != 0) {
                throw new AssertionError("node " + script + " exited with " + exitCode + "\nstderr:\n" + stderr
                        + "\nstdout:\n" + stdout);
            }
            try {
                return JSON.readTree(stdout);
            } catch (IOException e) {
                throw new AssertionError(
                        "node " + script + " printed no JSON: " + e.getMessage() + "\nstdout:\n" + stdout
                                + "\nstderr:\n" + stderr,
                        e);
            }
        }
    }

    /** Runs {@code script} (a file of {@code src/test/node}) with these environment variables; see {@link Run#json}. */
    public static Run run(String script, Map<String, String> env, String... args) {
        Path dir = install();
        try {
            try (Stream<Path> scripts = Files.list(SOURCE)) {
                for (Path file :
                        (Iterable<Path>) scripts.filter(f -> f.toString().endsWith(".mjs"))::iterator) {
                    Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            List<String> command = new ArrayList<>(List.of("node", script));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
            builder.environment().putAll(env);
            return execute(builder, dir, script.replace(".mjs", ""), RUN_TIMEOUT, script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The directory holding the installed packages, installing them first if this lockfile never was. A failed install
     * is tried once per test JVM: the tests after it fail at once with the same message.
     */
    public static synchronized Path install() {
        if (installed != null) {
            return installed;
        }
        if (failed != null) {
            throw new IllegalStateException(failed);
        }
        try {
            installed = installOnce();
            return installed;
        } catch (RuntimeException e) {
            failed = e.getMessage();
            throw e;
        }
    }

    private static Path installOnce() {
        try {
            Path lock = SOURCE.resolve("package-lock.json");
            Path dir = Path.of("target", "node-clients", hash(Files.readAllBytes(lock)));
            if (!Files.exists(dir.resolve(INSTALLED))) {
                Files.createDirectories(dir);
                Files.copy(
                        SOURCE.resolve("package.json"),
                        dir.resolve("package.json"),
                        StandardCopyOption.REPLACE_EXISTING);
                Files.copy(lock, dir.resolve("package-lock.json"), StandardCopyOption.REPLACE_EXISTING);
                long start = System.nanoTime();
                // No install scripts: none of the pinned packages needs one to work
                Run npm = execute(
                        new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
                                .directory(dir.toFile()),
                        dir,
                        "npm-ci",
                        INSTALL_TIMEOUT,
                        "npm ci");
                if (npm.exitCode() != 0) {
                    throw new IllegalStateException(
                            "npm ci of the JavaScript clients in " + dir + " failed with exit code "
                                    + npm.exitCode() + " (the JS client ITs need Node 20+, npm and the npm registry)\n"
                                    + npm.stderr() + npm.stdout());
                }
                LOG.infof(
                        "Installed the JavaScript clients into %s in %d s",
                        dir, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
                Files.writeString(dir.resolve(INSTALLED), npm.stdout());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Run execute(ProcessBuilder builder, Path dir, String name, Duration timeout, String what)
            throws IOException {
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot start " + builder.command().get(0) + " for " + what
                            + ": the JS client ITs need Node 20+ and npm on the PATH",
                    e);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException(what + " did not finish within " + timeout + "\nstderr:\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
        return new Run(
                what,
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
