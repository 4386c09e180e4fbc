package io.thinkwatch.capture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;

import io.quarkus.test.junit.QuarkusTest;
import io.thinkwatch.indexer.TraceIndices;
import io.thinkwatch.redaction.Corpus;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Secrets and personal data from the corpus ({@code src/test/resources/redaction/corpus.json}) in prompts, answers and
 * reasoning through capture, on all four APIs, plain and streamed: the application and the provider get their bytes
 * unchanged, and neither the Kafka record nor the indexed document holds a sample. Plus the modes and levels set in
 * the test configuration: hash and drop for an upstream, off for an upstream, a pattern of the default tenant.
 */
@QuarkusTest
class RedactionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Corpus.Sample> SAMPLES = Corpus.samples();

    @Inject
    CaptureServer capture;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "thinkwatch.admin.token")
    String adminToken;

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    @ConfigProperty(name = "thinkwatch.capture.redaction.hash-key")
    String hashKey;

    @Inject
    OpenSearchClient openSearch;

    private FixtureProvider provider;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startProvider() {
        provider = new FixtureProvider();
    }

    @AfterEach
    void stopProvider() {
        provider.close();
    }

    static Stream<Arguments> apis() {
        List<Arguments> calls = new ArrayList<>();
        int turn = 0;
        for (ProviderBodies api : ProviderBodies.values()) {
            for (boolean stream : new boolean[] {false, true}) {
                calls.add(Arguments.of(api, stream, turn++));
            }
        }
        return calls.stream();
    }

    @ParameterizedTest(name = "{0}, streamed {1}")
    @MethodSource("apis")
    void noSampleIsReadableInTheRecordOrTheIndex(ProviderBodies api, boolean stream, int turn) throws Exception {
        // Given the corpus spread over the prompt, the answer and the reasoning (each sample in another place on
        // each turn, so over three turns every sample is in each place)
        List<List<String>> places = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Map<String, Integer> expected = new TreeMap<>();
        for (int i = 0; i < SAMPLES.size(); i++) {
            places.get((i + turn) % 3).add(SAMPLES.get(i).sample());
            expected.merge(SAMPLES.get(i).type(), 1, Integer::sum);
        }
        String prompt = "Remember these: " + String.join("; ", places.get(0)) + "; thanks.";
        String answer = "Stored: " + String.join("; ", places.get(1)) + ". Done.";
        String reasoning = "The user shared " + String.join("; ", places.get(2)) + "; I must keep them.";
        provider.answerBody(api.response(answer, reasoning, stream), api.contentType(stream));
        String request = api.request(prompt, stream);

        // When the application calls the provider through capture
        HttpResponse<byte[]> response = call(api.upstream, api.path(stream), request);

        // Then both sides got their bytes unchanged
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(provider.body());
        assertThat(provider.lastBody()).isEqualTo(request);
        // and the Kafka record holds no sample, its texts hold the markers, and the counts are those of the corpus
        String traceId = response.headers().firstValue("X-Thinkwatch-Trace-Id").orElseThrow();
        JsonNode record = CapturedTraces.find(bootstrap, traceId);
        assertNoSample(record.toString());
        assertThat(record.path("answer").asText()).startsWith("Stored: [redacted:");
        assertThat(record.path("reasoningText").asText()).contains("[redacted:");
        assertThat(counts(record)).isEqualTo(expected);
        assertThat(record.path("redactions").asInt()).isEqualTo(SAMPLES.size());
        // and so does the indexed document, as the API returns it
        JsonNode document = indexed(traceId);
        assertNoSample(document.toString());
        assertThat(counts(document)).isEqualTo(expected);
        // and the counts by type are indexed as numbers
        assertThat(indexedWith(traceId, "redactionsByType.card_number", expected.get("card_number")))
                .isEqualTo(1);
    }

    @Test
    void hashModeGivesEqualSecretsEqualMarkers() throws Exception {
        // Given an upstream in hash mode, and an answer naming one address twice and another once
        provider.answerBody(
                ProviderBodies.CHAT.response(
                        "Mail maria.gonzalez@example.com, maria.gonzalez@example.com and ops@example.org.",
                        "Looking up contacts.",
                        false),
                "application/json");

        // When it passes through capture
        HttpResponse<byte[]> response =
                call("fixture-hashed", "/v1/chat/completions", ProviderBodies.CHAT.request("Whom to mail?", false));

        // Then each address is a marker with the start of its HMAC under the configured key
        JsonNode record = record(response);
        String maria = "[redacted:email:" + hmac16("maria.gonzalez@example.com") + "]";
        String ops = "[redacted:email:" + hmac16("ops@example.org") + "]";
        assertThat(record.path("answer").asText()).isEqualTo("Mail " + maria + ", " + maria + " and " + ops + ".");
        assertThat(response.body()).isEqualTo(provider.body());
    }

    @Test
    void dropModeDropsTheTextThatHeldASecretAndKeepsTheOthers() throws Exception {
        // Given an upstream in drop mode, and an answer with a key after reasoning without one
        provider.answerBody(
                ProviderBodies.CHAT.response("Use AKIAIOSFODNN7EXAMPLE.", "Checking the config.", false),
                "application/json");

        // When it passes through capture
        HttpResponse<byte[]> response =
                call("fixture-dropped", "/v1/chat/completions", ProviderBodies.CHAT.request("Which key?", false));

        // Then the answer is dropped whole, the reasoning kept, and the count says why
        JsonNode record = record(response);
        assertThat(record.path("answer").asText()).isEqualTo("[redacted:dropped]");
        assertThat(record.path("reasoningText").asText()).isEqualTo("Checking the config.");
        assertThat(counts(record)).isEqualTo(Map.of("aws_access_key", 1));
    }

    @Test
    void anUpstreamWithRedactionOffRecordsTheTextAsSent() throws Exception {
        // Given an upstream with redaction off
        provider.answerBody(
                ProviderBodies.CHAT.response("Use AKIAIOSFODNN7EXAMPLE.", "Checking.", false), "application/json");

        // When a call passes through it
        HttpResponse<byte[]> response =
                call("fixture-unredacted", "/v1/chat/completions", ProviderBodies.CHAT.request("Which key?", false));

        // Then the trace keeps the text and counts no redaction
        JsonNode record = record(response);
        assertThat(record.path("answer").asText()).isEqualTo("Use AKIAIOSFODNN7EXAMPLE.");
        assertThat(record.path("redactions").asInt()).isZero();
        assertThat(record.has("redactionsByType")).isFalse();
    }

    @Test
    void anIngestedTraceIsRedactedWithItsTenantsPatternAndCaptureCounts() {
        // Given a trace sent to direct ingest with a secret, an employee id (a pattern of the default tenant) and a
        // redaction count of its own
        String trace = """
                {"model":"o3","answer":"Ticket for EMP-123456, reach me at maria.gonzalez@example.com",
                 "request":{"messages":[{"role":"user","content":"my key sk-ant-api03-AbCdEfGhIjKlMnOpQrSt0123456789"}]},
                 "redactions":9}""";

        // When it is ingested
        String traceId = given().port(capture.port())
                .contentType("application/json")
                .body(trace)
                .post("/api/v1/traces")
                .then()
                .statusCode(202)
                .extract()
                .path("traceIds[0]");

        // Then its texts are redacted and capture's count replaces the sender's
        JsonNode record = CapturedTraces.find(bootstrap, traceId);
        assertThat(record.path("answer").asText())
                .isEqualTo("Ticket for [redacted:employee_id], reach me at [redacted:email]");
        assertThat(record.at("/request/messages/0/content").asText()).isEqualTo("my key [redacted:anthropic_key]");
        assertThat(counts(record)).isEqualTo(Map.of("employee_id", 1, "email", 1, "anthropic_key", 1));
        assertThat(record.path("redactions").asInt()).isEqualTo(3);
    }

    @Test
    void redactionsAreCountedByTypeInTheMetrics() throws Exception {
        // Given the count of replaced IBANs so far
        double before = ibanCount();
        provider.answerBody(
                ProviderBodies.CHAT.response("Pay to GB82WEST12345698765432.", "Finding the account.", false),
                "application/json");

        // When an answer with an IBAN passes through capture
        record(call("fixture", "/v1/chat/completions", ProviderBodies.CHAT.request("Where to pay?", false)));

        // Then thinkwatch_capture_redactions_total{type="iban"} counted it
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(ibanCount()).isEqualTo(before + 1));
    }

    private double ibanCount() {
        String metrics = given().port(consolePort).get("/q/metrics").asString();
        return PrometheusText.value(metrics, "thinkwatch_capture_redactions_total", "type=\"iban\"");
    }

    private HttpResponse<byte[]> call(String upstream, String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + capture.port() + path))
                        .header("content-type", "application/json")
                        .header("X-Thinkwatch-Upstream", upstream)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode record(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return CapturedTraces.find(
                bootstrap,
                response.headers().firstValue("X-Thinkwatch-Trace-Id").orElseThrow());
    }

    private JsonNode indexed(String traceId) throws Exception {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> given().port(consolePort)
                                .auth()
                                .oauth2(adminToken)
                                .get("/api/v1/traces/{id}", traceId)
                                .statusCode()
                        == 200);
        return JSON.readTree(given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .get("/api/v1/traces/{id}", traceId)
                .asString());
    }

    /** How many indexed traces have this id and exactly {@code count} in the numeric field. */
    private long indexedWith(String traceId, String field, int count) throws java.io.IOException {
        return openSearch
                .count(c -> c.index(TraceIndices.ALIAS)
                        .query(q -> q.bool(b -> b.filter(
                                        f -> f.term(t -> t.field("traceId").value(FieldValue.of(traceId))))
                                .filter(f -> f.range(r ->
                                        r.field(field).gte(JsonData.of(count)).lte(JsonData.of(count)))))))
                .count();
    }

    private static Map<String, Integer> counts(JsonNode trace) {
        return JSON.convertValue(trace.path("redactionsByType"), new TypeReference<TreeMap<String, Integer>>() {});
    }

    /** No line of any sample, as written in JSON, is in the text. */
    private static void assertNoSample(String json) {
        for (Corpus.Sample sample : SAMPLES) {
            for (String line : sample.sample().lines().toList()) {
                assertThat(json).as(sample.type()).doesNotContain(line);
            }
        }
    }

    private String hmac16(String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(hashKey), "HmacSHA256"));
        return HexFormat.of()
                .formatHex(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 16);
    }
}
