package io.thinkwatch.rules.evaluators;

import static io.thinkwatch.rules.TraceBuilder.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ReasoningShareAboveTest {

    private final ReasoningShareAbove rule = new ReasoningShareAbove(0.9, 1_000);

    @Test
    void mostlyReasoningCallMatches() {
        // Given a call with 9,500 reasoning tokens of 10,000 output tokens
        // When the rule judges it
        // Then it matches with the share as observed value
        assertThat(rule.evaluate(call().tokens(9_500, 500).build(), Instant.EPOCH, GroupState.NONE))
                .hasValueSatisfying(m -> assertThat(m.observed()).isEqualTo(0.95));
    }

    @Test
    void balancedCallDoesNotMatch() {
        // Given a call with half of its output spent on reasoning
        // When the rule judges it
        // Then it does not match
        assertThat(rule.evaluate(call().tokens(5_000, 5_000).build(), Instant.EPOCH, GroupState.NONE))
                .isEmpty();
    }

    @Test
    void smallCallIsIgnored() {
        // Given a tiny call that is all reasoning but below minOutputTokens
        // When the rule judges it
        // Then it does not match
        assertThat(rule.evaluate(call().tokens(900, 0).build(), Instant.EPOCH, GroupState.NONE))
                .isEmpty();
    }
}
