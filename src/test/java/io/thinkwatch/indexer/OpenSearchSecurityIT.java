package io.thinkwatch.indexer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.thinkwatch.platform.Topics;
import io.thinkwatch.search.TraceQuery;
import io.thinkwatch.search.TraceResults;
import io.thinkwatch.search.TraceSearch;
import io.thinkwatch.testing.AppProcess;
import io.thinkwatch.testing.SecuredOpenSearch;
import io.thinkwatch.testing.TestTraces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Thinkwatch against an OpenSearch node with the security plugin on (HTTPS with a CA of its own, every request
 * authenticated): by user and password, by client certificate, and refused with a wrong password, which the
 * readiness check reports in one line.
 */
@QuarkusTest
@TestProfile(OpenSearchSecurityIT.ConsoleOnSecuredNode.class)
class OpenSearchSecurityIT {

    private static final String TENANT = TestTraces.tenant("secured");

    /** The console role (which searches OpenSearch), with user, password and CA from {@link SecuredOpenSearch}. */
    public static class ConsoleOnSecuredNode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("thinkwatch.roles", "console");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SecuredOpenSearch.class));
        }
    }

    @Inject
    OpenSearchClient client;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private AppProcess indexer;

    @AfterEach
    void stopIndexer() throws InterruptedException {
        if (indexer != null) {
            indexer.close();
        }
    }

    @Test
    void withUserAndPasswordTracesAreWrittenAndSearchedOverHttps() throws Exception {
        // Given the client of the application, configured with the user thinkwatch, its password and the node's CA
        assertThat(client.info().version().number()).startsWith("2.");
        TraceIndices.installTemplate(client);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ObjectNode trace = TestTraces.trace(TENANT, TENANT + "-" + i, Instant.now());
            records.add(new ConsumerRecord<>(
                    Topics.TRACES, 0, i, trace.get("traceId").asText(), TestTraces.JSON.writeValueAsBytes(trace)));
        }

        // When the indexer's bulk writer writes five traces
        BulkWriter writer = new BulkWriter(client, mapper, 1 << 20, 1000, Optional.empty());
        List<BulkWriter.DeadLetter> dead = new ArrayList<>();
        writer.write(writer.documents(records, dead), dead);
        client.indices().refresh(r -> r.index(TraceIndices.ALIAS));

        // Then the console's search finds them, and the readiness check says OpenSearch is there
        assertThat(dead).isEmpty();
        TraceResults found = new TraceSearch(client).search(TENANT, TraceQuery.parse(Map.of()));
        assertThat(found.total()).isEqualTo(5);
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'opensearch' }.status", equalTo("UP"));
    }

    @Test
    void aClientCertificateAloneIsAccepted() throws Exception {
        // Given an indexer process with the node's CA and the client certificate of the user thinkwatch, no password
        SecuredOpenSearch.Node node = SecuredOpenSearch.node();
        // set as environment variables, the way overlays/opensearch sets them on Kubernetes
        Map<String, String> env = Map.of(
                "THINKWATCH_OPENSEARCH_TLS_CONFIGURATION_NAME", "opensearch",
                "QUARKUS_TLS_OPENSEARCH_TRUST_STORE_PEM_CERTS", node.ca().toString(),
                "QUARKUS_TLS_OPENSEARCH_KEY_STORE_PEM_CLIENT_CERT",
                        node.clientCert().toString(),
                "QUARKUS_TLS_OPENSEARCH_KEY_STORE_PEM_CLIENT_KEY",
                        node.clientKey().toString());
        int port = freePort();

        // When it starts
        indexer = indexer("certificate", port, node, Map.of(), env);

        // Then it is ready: OpenSearch authenticated it by its certificate
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .untilAsserted(
                        () -> assertThat(openSearchCheck(port).path("status").asText())
                                .isEqualTo("UP"));
    }

    @Test
    void aWrongPasswordMakesTheIndexerNotReadyWithTheReasonInOneLine() throws Exception {
        // Given an indexer process with the CA and the user thinkwatch, but a wrong password
        SecuredOpenSearch.Node node = SecuredOpenSearch.node();
        Map<String, String> settings = Map.of(
                "quarkus.tls.opensearch.trust-store.pem.certs",
                node.ca().toString(),
                "thinkwatch.opensearch.username",
                "thinkwatch",
                "thinkwatch.opensearch.password",
                "not-" + node.password());
        int port = freePort();

        // When it starts
        indexer = indexer("wrong-password", port, node, settings, Map.of());

        // Then readiness is DOWN and says the credentials were refused, and its log says so without a stack trace
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(
                                openSearchCheck(port).path("data").path("error").asText())
                        .startsWith("OpenSearch refused the credentials of user 'thinkwatch' (401)"));
        indexer.awaitOutput("refused the credentials", Duration.ofMinutes(1));
        String log = Files.readString(indexer.log(), StandardCharsets.UTF_8);
        assertThat(log).doesNotContain("\tat ");
    }

    /** An indexer process of its own consumer group (reading only what comes after it started). */
    private AppProcess indexer(
            String name, int port, SecuredOpenSearch.Node node, Map<String, String> settings, Map<String, String> env)
            throws IOException {
        Map<String, String> properties = new HashMap<>(settings);
        properties.put("thinkwatch.roles", "indexer");
        properties.put("thinkwatch.instance-id", name);
        properties.put("thinkwatch.indexer.group-id", "secured-" + UUID.randomUUID());
        properties.put("kafka.auto.offset.reset", "latest");
        properties.put("kafka.bootstrap.servers", kafka);
        properties.put("thinkwatch.opensearch.url", node.url());
        if (env.isEmpty()) {
            properties.put("thinkwatch.opensearch.tls-configuration-name", "opensearch");
        }
        properties.put("quarkus.http.host", "127.0.0.1");
        properties.put("quarkus.http.port", String.valueOf(port));
        AppProcess process = AppProcess.start("secured-" + name, 1, properties, env);
        process.awaitOutput("Listening on", Duration.ofMinutes(3));
        return process;
    }

    /** The opensearch check of the process's readiness answer. */
    private static JsonNode openSearchCheck(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        for (JsonNode check : TestTraces.JSON.readTree(response.body()).path("checks")) {
            if (check.path("name").asText().equals("opensearch")) {
                return check;
            }
        }
        throw new AssertionError("no opensearch check in " + response.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
