package io.thinkwatch.capture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.databind.JsonNode;

/** The application hangs up mid-stream: the provider call is cancelled and the trace says what happened. */
@QuarkusTest
class ClientAbortIT {

    @Inject
    CaptureServer capture;

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private FixtureProvider provider;

    @BeforeEach
    void startProvider() throws Exception {
        provider = new FixtureProvider();
    }

    @AfterEach
    void stopProvider() throws Exception {
        provider.close();
    }

    @Test
    void hangUpMidStreamCancelsUpstreamAndRecordsAnAbortedPartialAnswer() throws Exception {
        // Given a provider that has streamed "Hel" and then keeps thinking
        provider.answer("openai-chat/stream-with-usage.sse", "text/event-stream")
                .stallBefore(
                        "data: {\"id\":\"c\","
                                + "\"object\":\"chat.completion.chunk\",\"model\":\"o3\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"}");
        String body = "{\"model\":\"o3\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        // When the application reads the first token and hangs up
        String traceId;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), capture.port())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream()
                    .write(("POST /v1/chat/completions HTTP/1.1\r\nHost: capture\r\n"
                                    + "Content-Type: application/json\r\nX-Thinkwatch-Upstream: fixture\r\nContent-Length: "
                                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                            .getBytes(StandardCharsets.UTF_8));
            String received = readUntil(socket.getInputStream(), "\"content\":\"Hel\"");
            Matcher id = Pattern.compile("(?i)x-thinkwatch-trace-id: (\\S+)").matcher(received);
            assertThat(id.find()).isTrue();
            traceId = id.group(1);
        }

        // Then capture cancels the upstream call
        await().atMost(Duration.ofSeconds(10)).until(provider::connectionClosed);

        // And the trace is aborted, keeps the partial answer, and says usage is missing rather than 0
        JsonNode trace = CapturedTraces.find(bootstrap, traceId);
        assertThat(trace.path("status").asText()).isEqualTo("aborted");
        assertThat(trace.path("finishReason").asText()).isEqualTo("aborted");
        assertThat(trace.path("answer").asText()).isEqualTo("Hel");
        assertThat(trace.path("usage").path("source").asText()).isEqualTo("missing");
        assertThat(trace.path("usage").hasNonNull("outputTokens")).isFalse();
        assertThat(trace.hasNonNull("costUsd")).isFalse();

        // And the request metrics count the call as aborted
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(PrometheusText.value(
                                given().port(consolePort).get("/q/metrics").asString(),
                                "thinkwatch_capture_requests_seconds_count",
                                "route=\"chat.completions\"",
                                "status=\"aborted\""))
                        .isGreaterThanOrEqualTo(1));
    }

    private static String readUntil(InputStream in, String marker) throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!received.toString(StandardCharsets.UTF_8).contains(marker)) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new AssertionError("stream ended before " + marker + ": " + received);
            }
            received.write(buffer, 0, n);
        }
        return received.toString(StandardCharsets.UTF_8);
    }
}
