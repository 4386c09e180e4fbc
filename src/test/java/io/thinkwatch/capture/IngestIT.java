package io.thinkwatch.capture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Direct ingest on the capture port, with the traces read back from the real Kafka topic. */
@QuarkusTest
class IngestIT {

    @Inject
    CaptureServer capture;

    @Inject
    ObjectMapper mapper;

    @Test
    void batchOfTracesIsPublishedWithFilledInFields() throws Exception {
        // Given two traces an application built itself, one with its own id
        String own = "app-" + UUID.randomUUID();
        String body = """
                [{"traceId":"%s","model":"claude-sonnet-4","provider":"anthropic","app":"batch-job",
                  "finishReason":"stop","answer":"done","usage":{"inputTokens":50,"outputTokens":900,"reasoningTokens":700},
                  "startedAt":"2026-03-01T12:00:00Z","completedAt":"2026-03-01T12:00:02Z"},
                 {"model":"o3","app":"batch-job","finishReason":"length","answer":"",
                  "usage":{"outputTokens":2000,"reasoningTokens":2000},"maxOutputTokens":2000}]""".formatted(own);

        // When they are sent to ingest
        List<String> ids = given().port(capture.port())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/traces")
                .then()
                .statusCode(202)
                .body("traceIds", hasSize(2))
                .body("traceIds[0]", equalTo(own))
                .extract()
                .jsonPath()
                .getList("traceIds", String.class);

        // Then both are on the traces topic with their derived fields
        Map<String, JsonNode> onTopic = awaitOnTopic(ids);
        JsonNode first = onTopic.get(own);
        assertThat(first.get("tenant").asText()).isEqualTo("default");
        assertThat(first.get("api").asText()).isEqualTo("ingest");
        assertThat(first.get("latencyMs").asLong()).isEqualTo(2000);
        assertThat(first.get("reasoningShare").asDouble()).isEqualTo(700.0 / 900);
        assertThat(first.get("usage").get("visibleOutputTokens").asLong()).isEqualTo(200);
        JsonNode second = onTopic.get(ids.get(1));
        assertThat(second.get("status").asText()).isEqualTo("incomplete");
        assertThat(second.get("truncated").asBoolean()).isTrue();
        assertThat(second.get("emptyAnswer").asBoolean()).isTrue();
        assertThat(second.get("budgetUsed").asDouble()).isEqualTo(1.0);
    }

    @Test
    void batchWithABadEventIsRefusedAndNothingOfItIsPublished() {
        // Given a batch whose second event has a count of the wrong type
        String marker = "refused-" + UUID.randomUUID();
        String body = "[{\"model\":\"o3\",\"app\":\"" + marker + "\"}," + "{\"model\":\"o3\",\"app\":\"" + marker
                + "\",\"usage\":{\"outputTokens\":true}}]";

        // When it is sent
        // Then the answer names the event, the field and the reason
        given().port(capture.port())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/traces")
                .then()
                .statusCode(400)
                .body("error", equalTo("bad_request"))
                .body("details", contains("[1].usage.outputTokens: must be a whole number, was true"));

        // And a trace ingested afterwards is on the topic while none of the refused batch is
        String after = given().port(capture.port())
                .contentType(ContentType.JSON)
                .body("{\"model\":\"o3\",\"app\":\"after-" + marker + "\"}")
                .post("/api/v1/traces")
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getString("traceIds[0]");
        awaitOnTopic(List.of(after));
        assertThat(TraceTopic.records().stream()
                        .map(ConsumerRecord::value)
                        .filter(v -> v.contains("\"" + marker + "\"")))
                .isEmpty();
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] body = "{\"model\":\"o3\",\"answer\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        body[body.length - 3] = (byte) 0xFF;

        given().port(capture.port())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/traces")
                .then()
                .statusCode(400)
                .body("details[0]", startsWith("body: not valid UTF-8"));
    }

    @Test
    void malformedJsonIsRefused() {
        given().port(capture.port())
                .contentType(ContentType.JSON)
                .body("{\"model\": \"o3\"")
                .post("/api/v1/traces")
                .then()
                .statusCode(400)
                .body("details[0]", startsWith("body: not valid JSON"));
    }

    @Test
    void traceLargerThanAKafkaRecordIsCutToFitInsteadOfLost() {
        // Given a 3 MB trace (an answer of 3 million characters), within ingest's 10 MB but over Kafka's 1 MB
        String body =
                "{\"model\":\"o3\",\"app\":\"large\",\"usage\":{\"outputTokens\":700000,\"reasoningTokens\":1000},"
                        + "\"answer\":\"" + "b".repeat(3_000_000) + "\"}";

        // When it is sent to ingest
        String id = given().port(capture.port())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/traces")
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getString("traceIds[0]");

        // Then it is on the topic with its numbers, the answer cut with a marker
        JsonNode trace = awaitOnTopic(List.of(id)).get(id);
        assertThat(trace.path("usage").path("reasoningTokens").asLong()).isEqualTo(1000);
        assertThat(trace.path("answer").asText()).startsWith("bbbb").contains("cut by Thinkwatch");
        assertThat(trace.path("answer").asText().length()).isLessThan(1_048_576);
    }

    @Test
    void bodyOverTheLimitIsRefusedWith413() throws Exception {
        // Given a client announcing an 11 MB body (over the 10 MB default) that waits for 100 Continue
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), capture.port())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream()
                    .write(("POST /api/v1/traces HTTP/1.1\r\nHost: capture\r\n"
                                    + "Content-Type: application/json\r\nContent-Length: " + 11 * 1024 * 1024
                                    + "\r\nExpect: 100-continue\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));

            // When capture answers, before any of the body was sent
            String answer = readAnswer(socket.getInputStream());

            // Then it refuses the body with 413, naming the limit
            assertThat(answer).startsWith("HTTP/1.1 413").contains("body: larger than 10485760 bytes");
        }
    }

    /** Status line, headers and the Content-Length body of one HTTP answer. */
    private static String readAnswer(java.io.InputStream in) throws java.io.IOException {
        StringBuilder text = new StringBuilder();
        while (!text.toString().contains("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return text.toString();
            }
            text.append((char) b);
        }
        java.util.regex.Matcher length =
                java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
        return length.find()
                ? text + new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8)
                : text.toString();
    }

    private Map<String, JsonNode> awaitOnTopic(List<String> ids) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(TraceTopic.keys()).containsAll(ids));
        return TraceTopic.records().stream()
                .filter(r -> ids.contains(r.key()))
                .collect(Collectors.toMap(ConsumerRecord::key, r -> read(r.value()), (a, b) -> a));
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
