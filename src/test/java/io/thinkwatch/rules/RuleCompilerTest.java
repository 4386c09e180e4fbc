package io.thinkwatch.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.Severity;
import io.thinkwatch.rules.evaluators.RuleInvalid;

import com.fasterxml.jackson.databind.ObjectMapper;

class RuleCompilerTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private RuleDefinition rule(String json) throws Exception {
        return mapper.readValue(json, RuleDefinition.class);
    }

    @Test
    void defaultsAreWrittenOut() throws Exception {
        // Given a minimal rule
        RuleDefinition minimal =
                rule("{\"name\":\"big\",\"kind\":\"reasoning_tokens_above\",\"params\":{\"threshold\":25000}}");

        // When it is normalized
        RuleDefinition normalized = RuleCompiler.normalize(minimal);

        // Then severity, grouping, window, channels and enabled have their defaults
        assertThat(normalized.severity()).isEqualTo("warning");
        assertThat(normalized.groupBy()).containsExactly("app", "model");
        assertThat(normalized.dedupWindow()).isEqualTo("1h");
        assertThat(normalized.channels()).isEmpty();
        assertThat(normalized.enabled()).isTrue();
    }

    @Test
    void everyBadFieldIsNamed() throws Exception {
        // Given a rule with a bad kind, severity, grouping field, window and a blank channel
        RuleDefinition bad = rule("{\"kind\":\"tokens\",\"severity\":\"high\",\"groupBy\":[\"app\",\"team\"],"
                + "\"dedupWindow\":\"10s\",\"channels\":[\" \"]}");

        // When it is compiled
        RuleInvalid error = catchThrowableOfType(RuleInvalid.class, () -> RuleCompiler.compile("1", 1, "t1", bad));

        // Then each problem names its field and why
        assertThat(error.details())
                .containsExactly(
                        "name: is required",
                        "kind: unknown kind 'tokens'; one of reasoning_tokens_above, reasoning_share_above, budget_exhausted, "
                                + "empty_answer_after_reasoning, cost_above, latency_above, usage_missing, content_match, "
                                + "spend_window, rate_window, baseline_deviation, reasoning_monitor",
                        "severity: must be one of info, warning, critical",
                        "groupBy[1]: unknown field 'team'; one of app, model, env, userId, sessionId, provider",
                        "dedupWindow: must be a duration such as 15m or 1h, from 1m to 7d",
                        "channels[0]: is required");
    }

    @Test
    void compiledRuleGroupsAndWindowsCalls() throws Exception {
        // Given a spend rule grouped by app and user with a 15 minute window
        CompiledRule compiled = RuleCompiler.compile(
                "9",
                1,
                "t1",
                rule("{\"name\":\"spend\",\"kind\":\"spend_window\","
                        + "\"severity\":\"critical\",\"groupBy\":[\"app\",\"userId\"],\"dedupWindow\":\"15m\","
                        + "\"params\":{\"metric\":\"cost_usd\",\"window\":\"1h\",\"budget\":5}}"));

        // When it places a call
        String group =
                compiled.groupKey(TraceBuilder.call().app("search").user("u9").build());

        // Then the group and window follow the definition
        assertThat(group).isEqualTo("app=search|userId=u9");
        assertThat(compiled.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(compiled.dedupWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(compiled.windowStart(java.time.Instant.parse("2025-03-04T10:22:10Z")))
                .isEqualTo(java.time.Instant.parse("2025-03-04T10:15:00Z"));
    }

    @Test
    void scopeLimitsTenantAppAndModel() throws Exception {
        // Given a rule of tenant t1 scoped to app checkout
        CompiledRule compiled = RuleCompiler.compile(
                "9",
                1,
                "t1",
                rule("{\"name\":\"x\",\"kind\":\"budget_exhausted\"," + "\"scope\":{\"app\":\"checkout\"}}"));

        // When calls of various tenants and apps are checked
        List<Boolean> applies = List.of(
                compiled.applies(
                        TraceBuilder.call().tenant("t1").app("checkout").build()),
                compiled.applies(TraceBuilder.call().tenant("t1").app("search").build()),
                compiled.applies(
                        TraceBuilder.call().tenant("t2").app("checkout").build()));

        // Then only the tenant's calls of that app apply
        assertThat(applies).containsExactly(true, false, false);
    }
}
