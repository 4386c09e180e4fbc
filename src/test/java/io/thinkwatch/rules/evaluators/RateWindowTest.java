package io.thinkwatch.rules.evaluators;

import static io.thinkwatch.rules.TraceBuilder.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.TraceEvent;

class RateWindowTest {

    private final RateWindow rule = new RateWindow(
            EnumSet.of(RateWindow.Condition.TRUNCATED, RateWindow.Condition.EMPTY_ANSWER), Duration.ofMinutes(15), 0.2, 10);
    private final MemoryState state = new MemoryState();
    private final Instant start = Instant.parse("2025-03-04T10:00:00Z");

    private Optional<Match> judge(TraceEvent trace, int second) {
        return rule.evaluate(trace, start.plusSeconds(second), state);
    }

    @Test
    void truncationRateAboveThresholdMatchesOnTheBadCall() {
        // Given 8 good calls and 2 truncated ones within the window (20%)
        for (int i = 0; i < 8; i++) {
            judge(call().build(), i);
        }
        judge(call().exhausted().build(), 8);
        judge(call().exhausted().build(), 9);

        // When a third truncated call arrives (3 of 11, 27%)
        Optional<Match> match = judge(call().exhausted().build(), 10);

        // Then the rate is above 20%
        assertThat(match).hasValueSatisfying(m -> {
            assertThat(m.observed()).isEqualTo(3.0 / 11);
            assertThat(m.message()).isEqualTo(
                    "3 of 11 calls in the last 15m were truncated or empty_answer (27.3%), above 20.0%");
        });
    }

    @Test
    void goodCallNeverMatches() {
        // Given a window where every call so far was truncated
        for (int i = 0; i < 12; i++) {
            judge(call().exhausted().build(), i);
        }

        // When a good call arrives
        Optional<Match> match = judge(call().build(), 12);

        // Then it is not counted as a match
        assertThat(match).isEmpty();
    }

    @Test
    void fewCallsStayBelowTheMinimumCount() {
        // Given 5 truncated calls, fewer than the minimum of 10
        for (int i = 0; i < 4; i++) {
            judge(call().exhausted().build(), i);
        }

        // When the fifth arrives
        Optional<Match> match = judge(call().exhausted().build(), 4);

        // Then the rule stays silent
        assertThat(match).isEmpty();
    }

    @Test
    void failedCallsCountWhenListed() {
        // Given a rule over failed calls with a minimum of one call
        RateWindow failures = new RateWindow(EnumSet.of(RateWindow.Condition.FAILED), Duration.ofMinutes(5), 0.5, 1);

        // When a failed call arrives
        Optional<Match> match = failures.evaluate(call().failed().build(), start, state);

        // Then the rate 1/1 is above 50%
        assertThat(match).isPresent();
    }
}
