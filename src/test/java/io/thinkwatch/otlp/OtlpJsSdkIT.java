package io.thinkwatch.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.thinkwatch.capture.CaptureServer;
import io.thinkwatch.testing.KeyedApp;
import io.thinkwatch.testing.NodeClients;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The OpenTelemetry JavaScript SDK (from npm, run by Node) exporting a GenAI span with its real OTLP/HTTP exporters,
 * JSON ({@code @opentelemetry/exporter-trace-otlp-http}) and protobuf ({@code @opentelemetry/exporter-trace-otlp-proto}),
 * to capture's receiver with the capture key as an exporter header: the exporter reports success, and the span is a
 * trace of the key's app, searchable in the console with the span's model, usage, reasoning, answer and ids.
 */
@QuarkusTest
class OtlpJsSdkIT {

    @Inject
    CaptureServer capture;

    @Test
    void jsonExporter() {
        exported("json");
    }

    @Test
    void protobufExporter() {
        exported("proto");
    }

    private void exported(String protocol) {
        // Given an application whose OpenTelemetry SDK exports to capture with a capture key in its headers
        KeyedApp app = KeyedApp.create("js-otel-" + protocol);

        // When it ends a GenAI chat span
        JsonNode span = NodeClients.run(
                        "otel.mjs",
                        app.env(capture.port(), Map.of("MODEL", "o4-mini", "SERVICE_NAME", app.app())),
                        protocol)
                .json();

        // Then the span is the app's trace, with the span's values and ids
        JsonNode trace = app.onlyTrace();
        assertThat(trace.path("api").asText()).isEqualTo("otlp");
        assertThat(trace.path("provider").asText()).isEqualTo("openai");
        assertThat(trace.path("model").asText()).isEqualTo("o4-mini");
        assertThat(trace.path("responseModel").asText()).isEqualTo("o4-mini-2025-04-16");
        assertThat(trace.path("maxOutputTokens").asLong()).isEqualTo(4000);
        assertThat(trace.path("finishReason").asText()).isEqualTo("stop");
        assertThat(trace.path("answer").asText()).isEqualTo("The " + protocol + " route is shortest.");
        assertThat(trace.path("reasoningText").asText()).isEqualTo("Compare the two routes.");
        JsonNode usage = trace.path("usage");
        assertThat(usage.path("source").asText()).isEqualTo("provider");
        assertThat(usage.path("inputTokens").asLong()).isEqualTo(120);
        assertThat(usage.path("outputTokens").asLong()).isEqualTo(900);
        assertThat(usage.path("reasoningTokens").asLong()).isEqualTo(700);
        assertThat(trace.path("traceContext").path("traceId").asText())
                .isEqualTo(span.path("traceId").asText());
        assertThat(trace.path("traceContext").path("spanId").asText())
                .isEqualTo(span.path("spanId").asText());
        assertThat(trace.path("tags").path(GenAiSpans.OTEL_TRACE_ID).asText())
                .isEqualTo(span.path("traceId").asText());
        assertThat(trace.toString()).doesNotContain(app.key());
    }
}
