package io.thinkwatch.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.thinkwatch.model.Api;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.TraceContext;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.TraceEventBuilder;
import io.thinkwatch.model.Usage;

import com.fasterxml.jackson.databind.ObjectMapper;

class TraceSpansTest {

    private final TraceSpans spans = new TraceSpans(new ObjectMapper(), Set.of("open-tenant"), "thinkwatch");

    private static TraceEvent trace(String tenant, TraceContext context) {
        return TraceEventBuilder.builder()
                .traceId("trace-1")
                .tenant(tenant)
                .provider(Provider.ANTHROPIC)
                .api(Api.INGEST)
                .model("claude-sonnet-4")
                .usage(Usage.reported(10L, null, 500L, 400L, null))
                .answer("the answer")
                .reasoningText("the reasoning")
                .startedAt(Instant.parse("2026-12-07T12:00:00Z"))
                .completedAt(Instant.parse("2026-12-07T12:00:02Z"))
                .traceContext(context)
                .build();
    }

    @Test
    void aCallOutsideAnyApplicationTraceIsARootSpanWithIdsDerivedFromItsTrace() {
        // Given a trace without an application trace context
        // When it becomes a span, twice
        ExportedSpan first = spans.span(trace("t", null));
        ExportedSpan again = spans.span(trace("t", null));

        // Then it has no parent, and the same ids both times (an export sent again is the same span)
        assertThat(first.getParentSpanContext().isValid()).isFalse();
        assertThat(first.getSpanContext()).isEqualTo(again.getSpanContext());
        assertThat(first.getTraceId()).isEqualTo(SpanIds.traceId("trace-1"));
        assertThat(first.getEndEpochNanos() - first.getStartEpochNanos()).isEqualTo(2_000_000_000L);
    }

    @Test
    void aCallInsideAnApplicationTraceIsAChildOfTheApplicationsSpan() {
        // Given a trace made inside an application's trace
        TraceContext context = new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", null);

        // When it becomes a span
        ExportedSpan span = spans.span(trace("t", context));

        // Then it belongs to that trace, under that span
        assertThat(span.getTraceId()).isEqualTo(context.traceId());
        assertThat(span.getParentSpanId()).isEqualTo(context.spanId());
        assertThat(span.getParentSpanContext().isRemote()).isTrue();
    }

    @Test
    void contentGoesOutOnlyForTenantsThatAllowIt() {
        // Given the same call in a tenant that allows content and one that does not
        // When both become spans
        ExportedSpan open = spans.span(trace("open-tenant", null));
        ExportedSpan closed = spans.span(trace("closed-tenant", null));

        // Then only the first carries the answer and the reasoning; both carry the counts
        AttributeKey<String> output = AttributeKey.stringKey("gen_ai.output.messages");
        assertThat(open.getAttributes().get(output)).contains("the answer").contains("\"reasoning\"");
        assertThat(closed.getAttributes().get(output)).isNull();
        assertThat(closed.getAttributes().get(AttributeKey.longKey("gen_ai.usage.reasoning.output_tokens")))
                .isEqualTo(400L);
        assertThat(closed.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name")))
                .isEqualTo("anthropic");
    }
}
