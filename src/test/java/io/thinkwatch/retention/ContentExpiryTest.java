package io.thinkwatch.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.thinkwatch.testing.TestTraces;

import com.fasterxml.jackson.databind.node.ObjectNode;

class ContentExpiryTest {

    private static final Instant AT = Instant.parse("2026-12-06T03:00:00Z");

    @Test
    void expiringRemovesEveryTextAndKeepsEveryOtherField() {
        // Given a stored trace with a prompt, an answer, reasoning and an error, and a field no list names yet
        ObjectNode trace = TestTraces.trace("t1", "trace-1", AT.minusSeconds(86_400 * 9));
        trace.put("error", "upstream said no");
        trace.putObject("redactionsByType").put("email", 1);
        trace.with("request").put("input", "a prompt given as input");
        trace.putArray("toolCalls")
                .addObject()
                .put("name", "get_weather")
                .put("argumentBytes", 15)
                .put("arguments", "{\"city\":\"Bern\"}");

        // When its text expires
        ObjectNode expired = ContentExpiry.withoutText(trace, AT);

        // Then no text is left, it says when, and counts, params, attribution and the unknown field stay
        assertThat(expired.has("answer")).isFalse();
        assertThat(expired.has("reasoningText")).isFalse();
        assertThat(expired.path("request").has("messages")).isFalse();
        assertThat(expired.path("request").has("input")).isFalse();
        assertThat(expired.path("toolCalls").path(0).has("arguments")).isFalse();
        assertThat(expired.path("toolCalls").path(0).path("name").asText()).isEqualTo("get_weather");
        assertThat(expired.path("toolCalls").path(0).path("argumentBytes").asInt())
                .isEqualTo(15);
        assertThat(expired.path("request")
                        .path("params")
                        .path("maxOutputTokens")
                        .asInt())
                .isEqualTo(4000);
        assertThat(expired.path("usage").path("reasoningTokens").asInt()).isEqualTo(1000);
        assertThat(expired.path("app").asText()).isEqualTo("app-a");
        assertThat(expired.path("error").asText()).isEqualTo("upstream said no");
        assertThat(expired.path("redactionsByType").path("email").asInt()).isEqualTo(1);
        assertThat(expired.path("contentExpiredAt").asText()).isEqualTo("2026-12-06T03:00:00Z");
        // and the stored original is not changed
        assertThat(trace.has("answer")).isTrue();
        assertThat(trace.path("toolCalls").path(0).has("arguments")).isTrue();
    }

    @Test
    void holdsKeepTheirTracesAndAnAppOnlyInItsTenant() {
        // Given a hold on a trace, on a finding's two traces, and on app "billing" of tenant t1
        Iterable<LegalHold> active = List.of(
                hold("t1", HoldKind.TRACE, "a", List.of("a")),
                hold("t1", HoldKind.FINDING, "f1", List.of("b", "c")),
                hold("t1", HoldKind.APP, "billing", List.of()));

        // When the holds are read
        ContentExpiry.Held held = ContentExpiry.Held.of(active);

        // Then the named traces and t1's billing traces are kept, but not t2's billing traces or other traces
        assertThat(held.keeps(TestTraces.trace("t1", "a", AT))).isTrue();
        assertThat(held.keeps(TestTraces.trace("t1", "c", AT))).isTrue();
        assertThat(held.keeps(TestTraces.trace("t1", "x", AT).put("app", "billing")))
                .isTrue();
        assertThat(held.keeps(TestTraces.trace("t2", "y", AT).put("app", "billing")))
                .isFalse();
        assertThat(held.keeps(TestTraces.trace("t1", "z", AT))).isFalse();
    }

    private static LegalHold hold(String tenant, HoldKind kind, String target, List<String> traceIds) {
        LegalHold hold = new LegalHold();
        hold.tenant = tenant;
        hold.kind = kind;
        hold.target = target;
        hold.traceIds = traceIds;
        return hold;
    }
}
