package io.thinkwatch.capture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Capture's Prometheus metrics, read from /q/metrics after real calls through capture and ingest. */
@QuarkusTest
class CaptureMetricsIT {

    @Inject
    CaptureServer capture;

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    @Test
    void callsThroughCaptureShowUpInTheMetrics() {
        // Given a capture with its upstream
        String model = "metrics-model-" + System.nanoTime();

        // When an application makes a call with 1,234 reasoning tokens and sends one trace to ingest
        given().port(capture.port())
                .contentType(ContentType.JSON)
                .header("X-Simulator-Reasoning-Tokens", "1234")
                .body("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/chat/completions")
                .then()
                .statusCode(200);
        given().port(capture.port())
                .contentType(ContentType.JSON)
                .body("{\"model\":\"o3\"}")
                .post("/api/v1/traces")
                .then()
                .statusCode(202);

        // Then the metrics count them by route and status, time the upstream and the overhead,
        // sum the reasoning tokens by model and count published traces
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String metrics = given().port(consolePort).get("/q/metrics").asString();
            assertThat(PrometheusText.value(
                            metrics,
                            "thinkwatch_capture_requests_seconds_count",
                            "route=\"chat.completions\"",
                            "status=\"200\""))
                    .isGreaterThanOrEqualTo(1);
            assertThat(PrometheusText.value(
                            metrics, "thinkwatch_capture_requests_seconds_count", "route=\"ingest\"", "status=\"202\""))
                    .isGreaterThanOrEqualTo(1);
            assertThat(PrometheusText.value(
                            metrics, "thinkwatch_capture_upstream_latency_seconds_count", "route=\"chat.completions\""))
                    .isGreaterThanOrEqualTo(1);
            assertThat(PrometheusText.value(
                            metrics, "thinkwatch_capture_overhead_seconds_count", "route=\"chat.completions\""))
                    .isGreaterThanOrEqualTo(1);
            assertThat(PrometheusText.value(
                            metrics, "thinkwatch_capture_reasoning_tokens_sum", "model=\"" + model + "\""))
                    .isEqualTo(1234);
            assertThat(PrometheusText.value(metrics, "thinkwatch_traces_published_total"))
                    .isGreaterThanOrEqualTo(2);
            assertThat(PrometheusText.value(metrics, "thinkwatch_capture_spool_records"))
                    .isZero();
            assertThat(PrometheusText.value(metrics, "thinkwatch_traces_dropped_total", "reason=\"spool_full\""))
                    .isZero();
        });
    }

    @Test
    void callsForwardedUnrecordedAreCountedByPathShape() {
        // Given a client that calls a route capture forwards without recording (Gemini's countTokens)
        // When it calls it for two models, with its key in the query, once with the colon as Google's SDKs send
        // it and once percent-encoded, as RestAssured and some other clients do
        given().port(capture.port())
                .urlEncodingEnabled(false)
                .contentType(ContentType.JSON)
                .body("{\"contents\":[]}")
                .post("/v1/models/gemini-2.5-flash:countTokens?key=k-secret");
        given().port(capture.port())
                .contentType(ContentType.JSON)
                .body("{\"contents\":[]}")
                .post("/v1/models/gemini-2.5-pro:countTokens?key=k-secret");

        // Then both are counted under one path shape, with ids and query left out
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String metrics = given().port(consolePort).get("/q/metrics").asString();
            assertThat(PrometheusText.value(
                            metrics,
                            "thinkwatch_capture_unrecorded_total",
                            "method=\"POST\"",
                            "shape=\"/v1/models/*:countTokens\""))
                    .isGreaterThanOrEqualTo(2);
            assertThat(metrics).doesNotContain("k-secret").doesNotContain("gemini-2.5-flash:countTokens");
        });
    }
}
