package io.thinkwatch.rules.evaluators;

import static io.thinkwatch.rules.TraceBuilder.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.Unit;

class SpendWindowTest {

    private final SpendWindow rule = new SpendWindow(SpendWindow.Metric.REASONING_TOKENS, Duration.ofHours(1), 10_000);
    private final MemoryState state = new MemoryState();

    private Optional<Match> spend(long tokens, String at) {
        return rule.evaluate(call().reasoning(tokens).at(at).build(), Instant.parse(at), state);
    }

    @Test
    void sumAboveBudgetWithinTheWindowMatches() {
        // Given 9,000 reasoning tokens spent in the last hour
        spend(4_000, "2025-03-04T10:00:00Z");
        spend(5_000, "2025-03-04T10:30:00Z");

        // When another 2,000 are spent within the hour
        Optional<Match> match = spend(2_000, "2025-03-04T10:59:00Z");

        // Then the 11,000 are above the budget
        assertThat(match).hasValueSatisfying(m -> {
            assertThat(m.observed()).isEqualTo(11_000.0);
            assertThat(m.threshold()).isEqualTo(10_000.0);
            assertThat(m.message()).isEqualTo("reasoning_tokens in the last 1h: 11,000, above the budget of 10,000");
        });
    }

    @Test
    void aCostSumReadsAsMoney() {
        // Given a budget of $100 an hour and $120.10 spent in it
        SpendWindow cost = new SpendWindow(SpendWindow.Metric.COST_USD, Duration.ofHours(1), 100);
        cost.evaluate(
                call().cost("72.30").at("2025-03-04T10:00:00Z").build(), Instant.parse("2025-03-04T10:00:00Z"), state);

        // When $47.8032 more are spent within the hour
        Optional<Match> match = cost.evaluate(
                call().cost("47.8032").at("2025-03-04T10:20:00Z").build(),
                Instant.parse("2025-03-04T10:20:00Z"),
                state);

        // Then the message gives the sum and the budget in dollars and cents, in USD
        assertThat(cost.unit()).isEqualTo(Unit.USD);
        assertThat(match).map(Match::message).contains("cost_usd in the last 1h: $120.10, above the budget of $100.00");
    }

    @Test
    void spendOlderThanTheWindowIsForgotten() {
        // Given 9,000 reasoning tokens spent more than an hour ago
        spend(9_000, "2025-03-04T08:00:00Z");

        // When 2,000 are spent now
        Optional<Match> match = spend(2_000, "2025-03-04T10:00:00Z");

        // Then the window holds only 2,000
        assertThat(match).isEmpty();
    }

    @Test
    void stateStaysBoundedHoweverManyCalls() {
        // Given a day of calls, one every ten seconds
        Instant start = Instant.parse("2025-03-04T00:00:00Z");
        for (int i = 0; i < 8_640; i++) {
            rule.evaluate(call().reasoning(1).build(), start.plusSeconds(10L * i), state);
        }

        // When the state is read
        var stored = state.buckets().range(Long.MIN_VALUE, Long.MAX_VALUE);

        // Then it holds at most the buckets of one window plus the allowed lateness (1 h)
        assertThat(stored).hasSizeLessThanOrEqualTo(2 * SlidingWindow.BUCKETS + 1);
    }

    @Test
    void aCallArrivingLateWithinTheAllowedLatenessIsCountedIntoItsWindow() {
        // Given 9,000 tokens at 10:00 and a newer call of the group at 11:30
        spend(9_000, "2025-03-04T10:00:00Z");
        spend(100, "2025-03-04T11:30:00Z");

        // When a call of 10:20 arrives late (70 minutes behind, within the default hour of lateness)
        Optional<Match> match = spend(2_000, "2025-03-04T10:20:00Z");

        // Then it is counted into the window 09:20-10:20 it belongs to, which is above the budget
        assertThat(match).hasValueSatisfying(m -> assertThat(m.observed()).isEqualTo(11_000.0));
    }

    @Test
    void aCallLaterThanTheAllowedLatenessIsNotCounted() {
        // Given 9,000 tokens at 10:00 and a newer call of the group at 12:30
        spend(9_000, "2025-03-04T10:00:00Z");
        spend(100, "2025-03-04T12:30:00Z");

        // When a call of 10:20 arrives 2 h 10 min behind (window 1 h + lateness 1 h exceeded)
        Optional<Match> match = spend(2_000, "2025-03-04T10:20:00Z");

        // Then it is dropped, not counted
        assertThat(match).isEmpty();
    }

    @Test
    void theAllowedLatenessComesFromTheState() {
        // Given a state that allows no lateness, 9,000 tokens at 10:00 and a newer call at 11:30
        MemoryState strict = new MemoryState(Duration.ZERO);
        rule.evaluate(call().reasoning(9_000).build(), Instant.parse("2025-03-04T10:00:00Z"), strict);
        rule.evaluate(call().reasoning(100).build(), Instant.parse("2025-03-04T11:30:00Z"), strict);

        // When a call of 10:20 arrives
        Optional<Match> match =
                rule.evaluate(call().reasoning(2_000).build(), Instant.parse("2025-03-04T10:20:00Z"), strict);

        // Then it is not counted
        assertThat(match).isEmpty();
    }
}
