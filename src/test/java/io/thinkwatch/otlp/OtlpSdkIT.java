package io.thinkwatch.otlp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.thinkwatch.capture.CaptureServer;

/**
 * An application instrumented only with the OpenTelemetry SDK, its real OTLP/HTTP exporter pointed at capture: its
 * GenAI spans become traces that are searchable through the console API and raise the same findings as proxied calls,
 * while its other spans are ignored.
 */
@QuarkusTest
class OtlpSdkIT {

    @Inject
    CaptureServer capture;

    @ConfigProperty(name = "thinkwatch.admin.token")
    String admin;

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    @Test
    void genAiSpansFromTheSdkExporterBecomeSearchableTracesWithFindings() {
        // Given an application whose tracer exports over OTLP/HTTP protobuf, gzipped, to capture
        String app = "otel-sdk-" + UUID.randomUUID();
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint("http://127.0.0.1:" + capture.port() + "/v1/traces")
                .setCompression("gzip")
                .build();
        String truncatedTraceId;
        try (SdkTracerProvider tracing = tracing(app, exporter)) {
            Tracer tracer = tracing.get("otel-sdk-it");

            // When it makes a call whose reasoning used the whole budget and came back empty, a good call, and an
            // HTTP call that is no model call
            io.opentelemetry.api.trace.Span truncated = chat(tracer, "o3-mini")
                    .setAttribute("gen_ai.request.max_tokens", 2000L)
                    .setAttribute("gen_ai.usage.input_tokens", 120L)
                    .setAttribute("gen_ai.usage.output_tokens", 2000L)
                    .setAttribute("gen_ai.usage.reasoning.output_tokens", 2000L)
                    .setAttribute(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"), List.of("length"))
                    .setAttribute(
                            "gen_ai.input.messages",
                            "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"prove it\"}]}]")
                    .setAttribute(
                            "gen_ai.output.messages",
                            "[{\"role\":\"assistant\",\"parts\":[],\"finish_reason\":\"length\"}]")
                    .startSpan();
            truncatedTraceId = truncated.getSpanContext().getTraceId();
            truncated.end();
            io.opentelemetry.api.trace.Span good = chat(tracer, "o3-mini")
                    .setAttribute("gen_ai.usage.input_tokens", 50L)
                    .setAttribute("gen_ai.usage.output_tokens", 300L)
                    .setAttribute("gen_ai.usage.reasoning.output_tokens", 200L)
                    .setAttribute(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"), List.of("stop"))
                    .setAttribute(
                            "gen_ai.output.messages",
                            "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"reasoning\",\"content\":\"think\"},"
                                    + "{\"type\":\"text\",\"content\":\"the otlp answer\"}],\"finish_reason\":\"stop\"}]")
                    .startSpan();
            good.end();
            tracer.spanBuilder("GET /orders")
                    .setSpanKind(SpanKind.SERVER)
                    .setAttribute("http.request.method", "GET")
                    .startSpan()
                    .end();
            assertThat(tracing.forceFlush().join(30, TimeUnit.SECONDS).isSuccess())
                    .isTrue();
        }

        // Then both model calls are searchable as traces of the app, the HTTP span is not
        JsonPath traces = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> console().get("/api/v1/traces?app=" + app),
                        r -> r.statusCode() == 200 && r.jsonPath().getInt("total") == 2)
                .jsonPath();
        assertThat(traces.getList("items.api")).containsOnly("otlp");
        assertThat(traces.getList("items.model")).containsOnly("o3-mini");
        Map<String, Object> cut = traces.getMap("items.find { it.truncated == true }");
        assertThat(cut).containsEntry("emptyAnswer", true).containsEntry("finishReason", "length");
        assertThat(((Map<?, ?>) cut.get("tags")).get(GenAiSpans.OTEL_TRACE_ID)).isEqualTo(truncatedTraceId);
        assertThat(((Map<?, ?>) cut.get("traceContext")).get("traceId")).isEqualTo(truncatedTraceId);
        assertThat(console()
                        .get("/api/v1/traces?appTraceId=" + truncatedTraceId.toUpperCase(java.util.Locale.ROOT))
                        .jsonPath()
                        .getList("items.traceId"))
                .containsExactly(cut.get("traceId"));
        String goodId = traces.getString("items.find { it.truncated == false }.traceId");
        JsonPath goodTrace = console()
                .get("/api/v1/traces/" + goodId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(goodTrace.getString("answer")).isEqualTo("the otlp answer");
        assertThat(goodTrace.getString("reasoningText")).isEqualTo("think");
        assertThat(goodTrace.getLong("usage.reasoningTokens")).isEqualTo(200);
        assertThat(goodTrace.getString("usage.source")).isEqualTo("provider");

        // And the truncated, empty call raised the budget and empty-answer findings, as a proxied call does
        await().atMost(Duration.ofMinutes(2))
                .untilAsserted(() -> assertThat(console()
                                .get("/api/v1/findings?app=" + app)
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getList("items.kind", String.class))
                        .contains("budget_exhausted", "empty_answer_after_reasoning"));
    }

    @Test
    void anEmptyAnswerReportedOnlyOverOtlpPagesTheRulesChannel() throws Exception {
        // Given a webhook channel on a local receiver, and a rule on answers left empty by reasoning that names it
        String app = "otel-alert-" + UUID.randomUUID();
        java.util.Set<String> alertedApps = java.util.concurrent.ConcurrentHashMap.newKeySet();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            alertedApps.add(new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(exchange.getRequestBody().readAllBytes())
                    .at("/finding/app")
                    .asText());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint("http://127.0.0.1:" + capture.port() + "/v1/traces")
                .build();
        try (SdkTracerProvider tracing = tracing(app, exporter)) {
            String channel = "otlp-" + app;
            console()
                    .contentType("application/json")
                    .body("""
                            {"name":"%s","kind":"webhook","maxPerHour":0,"settings":{"url":"http://127.0.0.1:%d/hook"}}""".formatted(channel, receiver.getAddress().getPort()))
                    .post("/api/v1/channels")
                    .then()
                    .statusCode(201);
            console()
                    .contentType("application/json")
                    .body("""
                            {"name":"otlp empty %s","kind":"empty_answer_after_reasoning","severity":"critical",
                             "groupBy":["app"],"channels":["%s"]}""".formatted(app, channel))
                    .post("/api/v1/rules")
                    .then()
                    .statusCode(201);
            Tracer tracer = tracing.get("otel-alert-it");

            // When the application's SDK reports calls whose output was all reasoning (no content recorded), until
            // the new rule is live
            // Then the rule's channel is paged for the application
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(3))
                    .until(() -> {
                        chat(tracer, "o3")
                                .setAttribute("gen_ai.request.max_tokens", 1000L)
                                .setAttribute("gen_ai.usage.output_tokens", 1000L)
                                .setAttribute("gen_ai.usage.reasoning.output_tokens", 1000L)
                                .setAttribute(
                                        AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"),
                                        List.of("length"))
                                .startSpan()
                                .end();
                        return alertedApps.contains(app);
                    });
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void theSdksJsonEncodingIsReadToo() throws Exception {
        // Given a span the SDK encodes as OTLP/JSON (hex ids, integers as strings), by the exporters' own marshaler
        String app = "otel-json-" + UUID.randomUUID();
        InMemorySpanExporter memory = InMemorySpanExporter.create();
        String spanTraceId;
        List<SpanData> finished;
        try (SdkTracerProvider tracing = tracing(app, memory)) {
            io.opentelemetry.api.trace.Span span = chat(tracing.get("otel-json-it"), "claude-sonnet-4")
                    .setAttribute("gen_ai.provider.name", "anthropic")
                    .setAttribute("gen_ai.usage.output_tokens", 900L)
                    .setAttribute("gen_ai.usage.reasoning.output_tokens", 700L)
                    .startSpan();
            spanTraceId = span.getSpanContext().getTraceId();
            span.setStatus(StatusCode.OK).end();
            finished = memory.getFinishedSpanItems(); // the exporter forgets them when the provider closes
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        TraceRequestMarshaler.create(finished).writeJsonTo(json);

        // When it is posted as application/json
        Response answer = given().port(capture.port())
                .contentType("application/json")
                .body(json.toByteArray())
                .post("/v1/traces");

        // Then the answer is an empty ExportTraceServiceResponse and the trace carries the span's trace id
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.asString()).isEqualTo("{}");
        JsonPath trace = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> console().get("/api/v1/traces?app=" + app),
                        r -> r.statusCode() == 200 && r.jsonPath().getInt("total") == 1)
                .jsonPath();
        assertThat(trace.getString("items[0].provider")).isEqualTo("anthropic");
        assertThat(trace.getString("items[0].tags." + GenAiSpans.OTEL_TRACE_ID)).isEqualTo(spanTraceId);
        assertThat(trace.getDouble("items[0].reasoningShare")).isCloseTo(700.0 / 900, within(1e-6));
    }

    private static io.opentelemetry.api.trace.SpanBuilder chat(Tracer tracer, String model) {
        return tracer.spanBuilder("chat " + model)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("gen_ai.operation.name", "chat")
                .setAttribute("gen_ai.provider.name", "openai")
                .setAttribute("gen_ai.request.model", model);
    }

    private static SdkTracerProvider tracing(String app, SpanExporter exporter) {
        return SdkTracerProvider.builder()
                .setResource(Resource.getDefault()
                        .merge(Resource.builder().put("service.name", app).build()))
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build();
    }

    private io.restassured.specification.RequestSpecification console() {
        return given().port(consolePort).auth().oauth2(admin);
    }
}
