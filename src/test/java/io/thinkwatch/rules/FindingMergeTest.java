package io.thinkwatch.rules;

import static io.thinkwatch.rules.TestRules.rule;
import static io.thinkwatch.rules.TraceBuilder.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.Finding;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.Unit;
import io.thinkwatch.rules.evaluators.MemoryState;

class FindingMergeTest {

    private final CompiledRule spend = rule(
            "5",
            "{\"name\":\"spend\",\"kind\":\"spend_window\",\"dedupWindow\":\"1d\","
                    + "\"params\":{\"metric\":\"cost_usd\",\"window\":\"1h\",\"budget\":100}}");
    private final MemoryState state = new MemoryState();

    private Finding judge(Finding existing, String usd, String at) {
        TraceEvent trace = call().cost(usd).at(at).build();
        Instant time = Instant.parse(at);
        return spend.evaluator()
                .evaluate(trace, time, state)
                .map(match -> FindingMerge.merge(existing, spend, "all", trace, time, match))
                .orElse(existing);
    }

    @Test
    void aLaterSmallerWindowSumKeepsTheWorstValueItsLimitAndItsWordsTogether() {
        // Given $100 at 10:00 and $50.40 at 10:10: the hour up to 10:10 spent $150.40
        Finding worst = judge(judge(null, "100", "2025-03-04T10:00:00Z"), "50.40", "2025-03-04T10:10:00Z");

        // When $60 more at 11:05 match with only $110.40 in the hour up to then
        Finding merged = judge(worst, "60", "2025-03-04T11:05:00Z");

        // Then the finding reads one value, in money, in its message and as its measured value
        assertThat(merged.count()).isEqualTo(2);
        assertThat(merged.observedValue()).isEqualTo(150.40, within(1e-9));
        assertThat(merged.unit()).isEqualTo(Unit.USD);
        assertThat(merged.message()).isEqualTo("cost_usd in the last 1h: $150.40, above the budget of $100.00");
        assertThat(merged.threshold()).isEqualTo(100.0);
    }
}
