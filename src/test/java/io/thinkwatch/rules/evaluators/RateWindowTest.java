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
            EnumSet.of(RateWindow.Condition.TRUNCATED, RateWindow.Condition.EMPTY_ANSWER),
            Duration.ofMinutes(15),
            0.2,
            10);
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
            assertThat(m.message())
                    .isEqualTo("3 of 11 calls in the last 15m were truncated or empty_answer (27.3%), above 20.0%");
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

    /** A state with a watermark, as the engine gives while one partition of the traces topic is behind. */
    private static final class BehindState implements GroupState {
        private final MemoryState inner = new MemoryState();
        Instant watermark;

        @Override
        public <S> S get(Class<S> type) {
            return inner.get(type);
        }

        @Override
        public void put(Object value) {
            inner.put(value);
        }

        @Override
        public WindowBuckets buckets() {
            return inner.buckets();
        }

        @Override
        public Instant watermark() {
            return watermark;
        }
    }

    @Test
    void callsOfAPartitionBehindAreCountedBackToTheWatermark() {
        // Given 6 truncated calls at 10:00, then good calls of another partition up to 15:00, while the partition
        // of the first calls has only reached 10:00
        BehindState behind = new BehindState();
        behind.watermark = start;
        for (int i = 0; i < 6; i++) {
            rule.evaluate(call().exhausted().build(), start.plusSeconds(i), behind);
        }
        for (int minute = 0; minute <= 300; minute += 30) {
            rule.evaluate(call().build(), start.plus(Duration.ofMinutes(minute)), behind);
        }

        // When that partition delivers 4 more truncated calls of 10:00
        Optional<Match> match = Optional.empty();
        for (int i = 6; i < 10; i++) {
            match = rule.evaluate(call().exhausted().build(), start.plusSeconds(i), behind);
        }

        // Then they are counted with the first ones: 10 of 11 calls around 10:00
        assertThat(match).hasValueSatisfying(m -> assertThat(m.observed()).isEqualTo(10.0 / 11));
    }

    @Test
    void withoutAWatermarkCallsFarBehindTheNewestAreNotCounted() {
        // Given 6 truncated calls at 10:00 and a good call at 15:00 (beyond window and lateness)
        for (int i = 0; i < 6; i++) {
            judge(call().exhausted().build(), i);
        }
        judge(call().build(), 5 * 3_600);

        // When 4 more truncated calls of 10:00 arrive
        Optional<Match> match = Optional.empty();
        for (int i = 6; i < 10; i++) {
            match = judge(call().exhausted().build(), i);
        }

        // Then they are too late to count
        assertThat(match).isEmpty();
    }

    @Test
    void aBurstIsCountedWhateverTheLagOfThePartitionBehind() {
        // Given half of a burst at 10:00 from one partition, then five days of calls from another, one every five
        // minutes (1,440 buckets), while the first partition has only reached 10:00
        BehindState behind = new BehindState();
        behind.watermark = start;
        for (int i = 0; i < 5; i++) {
            rule.evaluate(call().exhausted().build(), start.plusSeconds(i), behind);
        }
        for (int minute = 5; minute <= 5 * 24 * 60; minute += 5) {
            rule.evaluate(call().build(), start.plus(Duration.ofMinutes(minute)), behind);
        }

        // When the first partition delivers the other half
        Optional<Match> match = Optional.empty();
        for (int i = 5; i < 10; i++) {
            match = rule.evaluate(call().exhausted().build(), start.plusSeconds(i), behind);
        }

        // Then the burst is counted whole: 10 of 10 calls around 10:00
        assertThat(match).hasValueSatisfying(m -> assertThat(m.observed()).isEqualTo(1.0));
    }

    @Test
    void aGroupWaitsAtMostSevenDaysForAPartitionBehind() {
        // Given a watermark that never moves, and a call every hour for eight days
        BehindState behind = new BehindState();
        behind.watermark = start;
        for (int hour = 0; hour <= 8 * 24; hour++) {
            rule.evaluate(call().build(), start.plus(Duration.ofHours(hour)), behind);
        }

        // Then the group keeps the calls of seven days, a window (15 min) and the lateness (1 h) behind the newest
        var kept = behind.buckets().range(Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(kept.get(0).start())
                .isEqualTo(start.plus(Duration.ofHours(23)).toEpochMilli());
        assertThat(kept).hasSize(8 * 24 + 1 - 23);
        // and a call from the first day, further behind, is not counted
        rule.evaluate(call().exhausted().build(), start.plusSeconds(1), behind);
        assertThat(behind.buckets()
                        .range(start.toEpochMilli(), start.plusSeconds(15).toEpochMilli()))
                .isEmpty();
    }
}
