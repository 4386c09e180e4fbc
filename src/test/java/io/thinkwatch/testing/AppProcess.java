package io.thinkwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Thinkwatch as built by this build ({@code target/quarkus-app}, the production profile) in a process of its own,
 * so a test can kill it as the kernel would ({@link #kill()}: SIGKILL, nothing runs on the way out) and start it
 * again. Its output goes to {@code target/app-<name>-<n>.log}, a new file for each start.
 */
public final class AppProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final Process process;
    private final Path log;

    private AppProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the application with {@code properties} as system properties (roles, addresses, instance id ...);
     * {@code start} numbers the log file of this start.
     */
    public static AppProcess start(String name, int start, Map<String, String> properties) throws IOException {
        return start(name, start, properties, Map.of());
    }

    /** As {@link #start(String, int, Map)}, with environment variables too (settings as a container gets them). */
    public static AppProcess start(String name, int start, Map<String, String> properties, Map<String, String> env)
            throws IOException {
        assertThat(JAR).as("the built application (mvn package)").exists();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx256m");
        // Compiled by C1 alone: starts with a fraction of the CPU on a shared 2-core build machine
        command.add("-XX:TieredStopAtLevel=1");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(JAR.toString());
        Path log = Path.of("target", "app-" + name + "-" + start + ".log");
        Files.deleteIfExists(log);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        return new AppProcess(process, log);
    }

    /** Waits until the process has written {@code text} to its output (it fails the wait if the process ended). */
    public void awaitOutput(String text, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
            assertThat(process.isAlive()).as("process alive, see %s", log).isTrue();
            return Files.readString(log, StandardCharsets.UTF_8).contains(text);
        });
    }

    /** SIGKILL, as the kernel's out-of-memory killer or {@code kill -9} would; returns once the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    /** Where this start's output goes. */
    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** A graceful stop (SIGTERM), or SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
