package io.thinkwatch.rules.evaluators;

import static io.thinkwatch.rules.TraceBuilder.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class BudgetExhaustedTest {

    private final BudgetExhausted rule = new BudgetExhausted();

    @Test
    void truncatedCallMatchesWithItsBudget() {
        // Given a call whose 4,000-token budget all went to reasoning
        // When the rule judges it
        // Then it matches with output against budget
        assertThat(rule.evaluate(call().budget(4_000L).exhausted().build(), Instant.EPOCH, GroupState.NONE))
                .contains(new Match(4_000.0, 4_000.0, "output budget 4000 tokens exhausted, 4000 of them reasoning"));
    }

    @Test
    void completedCallDoesNotMatch() {
        // Given a call that finished normally
        // When the rule judges it
        // Then it does not match
        assertThat(rule.evaluate(call().build(), Instant.EPOCH, GroupState.NONE))
                .isEmpty();
    }
}
