package io.thinkwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An OpenSearch node with the security plugin on (HTTPS, a user and password, client certificates), started by
 * {@code deploy/local/opensearch.sh} with {@code OPENSEARCH_SECURE=1} the first time a test asks for it, beside the
 * build's other services (their stop stops it too). As a test resource it points the application at the node with
 * the user thinkwatch, its password and the node's CA ({@code quarkus.tls.opensearch}).
 */
public final class SecuredOpenSearch implements QuarkusTestResourceLifecycleManager {

    /** Where the node answers, the user's password and the folder of its certificates. */
    public record Node(String url, String password, Path certs) {

        public Path ca() {
            return certs.resolve("ca.pem");
        }

        public Path clientCert() {
            return certs.resolve("client.pem");
        }

        public Path clientKey() {
            return certs.resolve("client-key.pem");
        }
    }

    private static Node node;

    /** The node, started on first use. */
    public static synchronized Node node() throws IOException, InterruptedException {
        if (node == null) {
            node = startNode();
        }
        return node;
    }

    private static Node startNode() throws IOException, InterruptedException {
        Path state = Path.of(System.getProperty("it.opensearch.state")).resolveSibling("opensearch-secure");
        int port = freePort();
        File log = new File("target/it-opensearch-secure.log");
        ProcessBuilder builder = new ProcessBuilder(
                        List.of("bash", "deploy/local/opensearch.sh", "start", state.toString(), String.valueOf(port)))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        builder.environment().put("OPENSEARCH_SECURE", "1");
        builder.environment().put("OPENSEARCH_TRANSPORT_PORT", String.valueOf(freePort()));
        builder.environment().put("OPENSEARCH_READY_TIMEOUT", "300");
        Process process = builder.start();
        assertThat(process.waitFor(8, TimeUnit.MINUTES))
                .as("opensearch.sh start finished, see %s", log)
                .isTrue();
        assertThat(process.exitValue()).as("opensearch.sh start, see %s", log).isZero();
        String password = Files.readString(state.resolve("password"), StandardCharsets.UTF_8)
                .strip();
        try (var configs = Files.list(state)) {
            Path certs = configs.filter(p -> p.getFileName().toString().startsWith("config-"))
                    .findFirst()
                    .orElseThrow()
                    .resolve("certs");
            return new Node("https://127.0.0.1:" + port, password, certs);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            Node n = node();
            return Map.of(
                    "thinkwatch.opensearch.url", n.url(),
                    "thinkwatch.opensearch.username", "thinkwatch",
                    "thinkwatch.opensearch.password", n.password(),
                    "thinkwatch.opensearch.tls-configuration-name", "opensearch",
                    "quarkus.tls.opensearch.trust-store.pem.certs", n.ca().toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        // Left running for the other tests; the build's stop of its services stops it
    }
}
