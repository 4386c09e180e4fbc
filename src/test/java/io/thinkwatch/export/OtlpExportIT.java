package io.thinkwatch.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.thinkwatch.capture.CaptureServer;

/**
 * The export role against a real OTLP/HTTP endpoint: a call made inside an application's trace is exported as a GenAI
 * span, child of the application's span, with Thinkwatch's derived facts, and the findings it raised follow as
 * {@code gen_ai.evaluation.result} events beside it.
 */
@QuarkusTest
@TestProfile(OtlpExportIT.Exporting.class)
class OtlpExportIT {

    public static class Exporting implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "thinkwatch.roles", "capture,indexer,rules,alerts,console,simulator,export",
                    "thinkwatch.export.content-tenants", "default",
                    "thinkwatch.export.service-name", "thinkwatch-it");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OtlpCollector.class));
        }
    }

    @Inject
    CaptureServer capture;

    @Test
    void aCallInsideTheApplicationsTraceIsExportedAsItsChildWithTheFindingsAsEvaluationEvents() {
        // Given an application span that makes a call whose whole budget went to reasoning (truncated, empty)
        String appTrace = UUID.randomUUID().toString().replace("-", "");
        String appSpan = "00f067aa0ba902b7";

        // When the call goes through capture with the span's traceparent
        String traceId = given().port(capture.port())
                .contentType(ContentType.JSON)
                .header("X-Thinkwatch-App", "exported-app")
                .header("X-Simulator-Scenario", "truncated")
                .header("traceparent", "00-" + appTrace + "-" + appSpan + "-01")
                .body("{\"model\":\"o3\",\"max_completion_tokens\":2048,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"plan the route\"}]}")
                .post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .extract()
                .header("X-Thinkwatch-Trace-Id");

        // Then the endpoint receives the call's span in the application's trace, child of its span, with the counts,
        // the derived facts and (the tenant allows it) the prompt
        Span call = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> OtlpCollector.withAttribute("thinkwatch.trace_id", traceId).stream()
                                .filter(s -> s.getName().startsWith("chat"))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(hex(call.getTraceId().toByteArray())).isEqualTo(appTrace);
        assertThat(hex(call.getParentSpanId().toByteArray())).isEqualTo(appSpan);
        assertThat(call.getName()).isEqualTo("chat o3");
        assertThat(call.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        Map<String, AnyValue> a = attributes(call.getAttributesList());
        assertThat(a.get("gen_ai.provider.name").getStringValue()).isEqualTo("openai");
        assertThat(a.get("gen_ai.request.model").getStringValue()).isEqualTo("o3");
        assertThat(a.get("gen_ai.usage.reasoning.output_tokens").getIntValue()).isEqualTo(2048);
        assertThat(a.get("gen_ai.request.max_tokens").getIntValue()).isEqualTo(2048);
        assertThat(a.get("gen_ai.response.finish_reasons")
                        .getArrayValue()
                        .getValues(0)
                        .getStringValue())
                .isEqualTo("length");
        assertThat(a.get("thinkwatch.truncated").getBoolValue()).isTrue();
        assertThat(a.get("thinkwatch.empty_answer").getBoolValue()).isTrue();
        assertThat(a.get("thinkwatch.budget_used").getDoubleValue()).isEqualTo(1.0);
        assertThat(a.get("thinkwatch.reasoning_share").getDoubleValue()).isEqualTo(1.0);
        assertThat(a).containsKey("thinkwatch.cost_usd");
        assertThat(a.get("gen_ai.input.messages").getStringValue()).contains("plan the route");
        assertThat(OtlpCollector.SERVICE_NAMES).contains("thinkwatch-it");

        // And the rules' verdicts arrive as evaluation events on spans that are children of the call's span
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            List<Span> evaluations = OtlpCollector.withAttribute("thinkwatch.trace_id", traceId).stream()
                    .filter(s -> s.getName().startsWith("evaluation "))
                    .toList();
            assertThat(evaluations)
                    .allSatisfy(e -> {
                        assertThat(e.getTraceId()).isEqualTo(call.getTraceId());
                        assertThat(e.getParentSpanId()).isEqualTo(call.getSpanId());
                        assertThat(e.getEventsList()).hasSize(1);
                        assertThat(e.getEvents(0).getName()).isEqualTo("gen_ai.evaluation.result");
                    })
                    .extracting(e -> attributes(e.getEvents(0).getAttributesList())
                            .get("thinkwatch.rule_kind")
                            .getStringValue())
                    .contains("budget_exhausted", "empty_answer_after_reasoning");
        });
        Span evaluation = OtlpCollector.withAttribute("thinkwatch.trace_id", traceId).stream()
                .filter(s -> s.getName().startsWith("evaluation "))
                .findFirst()
                .orElseThrow();
        Map<String, AnyValue> event = attributes(evaluation.getEvents(0).getAttributesList());
        assertThat(event.get("gen_ai.evaluation.name").getStringValue()).isNotBlank();
        assertThat(event).containsKeys("gen_ai.evaluation.score.label", "thinkwatch.finding_id");

        // And health shows the export working
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'thinkwatch-export' }.data.state", org.hamcrest.Matchers.equalTo("ok"));
    }

    private static Map<String, AnyValue> attributes(List<KeyValue> list) {
        Map<String, AnyValue> map = new java.util.HashMap<>();
        list.forEach(kv -> map.put(kv.getKey(), kv.getValue()));
        return map;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
