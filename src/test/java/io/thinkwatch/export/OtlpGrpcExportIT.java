package io.thinkwatch.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.opentelemetry.proto.trace.v1.Span;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.thinkwatch.capture.CaptureServer;

/** The export role against a real OTLP/gRPC endpoint (grpc-java serving the official TraceService). */
@QuarkusTest
@TestProfile(OtlpGrpcExportIT.ExportingOverGrpc.class)
class OtlpGrpcExportIT {

    public static class ExportingOverGrpc implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "thinkwatch.roles", "capture,indexer,rules,alerts,console,simulator,export",
                    "thinkwatch.export.service-name", "thinkwatch-grpc-it");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OtlpGrpcCollector.class));
        }
    }

    @Inject
    CaptureServer capture;

    @Test
    void aCallIsExportedOverGrpcInsideTheApplicationsTrace() {
        // Given an application span
        String appTrace = UUID.randomUUID().toString().replace("-", "");
        String appSpan = "00f067aa0ba902b7";

        // When a call made inside it goes through capture
        String traceId = given().port(capture.port())
                .contentType(ContentType.JSON)
                .header("X-Thinkwatch-App", "grpc-exported-app")
                .header("traceparent", "00-" + appTrace + "-" + appSpan + "-01")
                .body("{\"model\":\"o3\",\"messages\":[{\"role\":\"user\",\"content\":\"plan the route\"}]}")
                .post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .extract()
                .header("X-Thinkwatch-Trace-Id");

        // Then the gRPC endpoint receives its span, child of the application's span, from the configured service
        Span call = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> OtlpCollector.withAttribute("thinkwatch.trace_id", traceId).stream()
                                .filter(s -> s.getName().startsWith("chat"))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        assertThat(HexFormat.of().formatHex(call.getTraceId().toByteArray())).isEqualTo(appTrace);
        assertThat(HexFormat.of().formatHex(call.getParentSpanId().toByteArray()))
                .isEqualTo(appSpan);
        assertThat(call.getName()).isEqualTo("chat o3");
        assertThat(OtlpCollector.SERVICE_NAMES).contains("thinkwatch-grpc-it");
    }
}
