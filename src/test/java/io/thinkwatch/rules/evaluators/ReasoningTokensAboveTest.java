package io.thinkwatch.rules.evaluators;

import static io.thinkwatch.rules.TraceBuilder.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ReasoningTokensAboveTest {

    private final ReasoningTokensAbove rule = new ReasoningTokensAbove(25_000);

    @Test
    void callAboveThresholdMatchesWithItsNumbers() {
        // Given a call that spent 31,000 reasoning tokens
        // When the rule judges it
        Optional<Match> match = rule.evaluate(call().reasoning(31_000).build(), Instant.EPOCH, GroupState.NONE);

        // Then it matches with observed value and threshold
        assertThat(match).contains(new Match(31_000.0, 25_000.0, "reasoning tokens 31000 above 25000"));
    }

    @Test
    void callAtThresholdDoesNotMatch() {
        // Given a call exactly at the threshold
        // When the rule judges it
        // Then it does not match
        assertThat(rule.evaluate(call().reasoning(25_000).build(), Instant.EPOCH, GroupState.NONE))
                .isEmpty();
    }

    @Test
    void callWithoutUsageDoesNotMatch() {
        // Given a call without reported usage
        // When the rule judges it
        // Then it does not match (usage_missing covers it)
        assertThat(rule.evaluate(call().noUsage().build(), Instant.EPOCH, GroupState.NONE))
                .isEmpty();
    }
}
