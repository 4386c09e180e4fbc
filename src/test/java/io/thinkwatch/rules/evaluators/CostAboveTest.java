package io.thinkwatch.rules.evaluators;

import static io.thinkwatch.rules.TraceBuilder.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class CostAboveTest {

    private final CostAbove rule = new CostAbove(new BigDecimal("0.50"));

    @Test
    void expensiveCallMatches() {
        // Given a call that cost 0.72 USD
        // When the rule judges it
        // Then it matches
        assertThat(rule.evaluate(call().cost("0.72").build(), Instant.EPOCH, GroupState.NONE))
                .contains(new Match(0.72, 0.5, "cost 0.72 USD above 0.50 USD"));
    }

    @Test
    void unpricedCallDoesNotMatch() {
        // Given a call without a price
        // When the rule judges it
        // Then it does not match
        assertThat(rule.evaluate(call().build(), Instant.EPOCH, GroupState.NONE))
                .isEmpty();
    }
}
