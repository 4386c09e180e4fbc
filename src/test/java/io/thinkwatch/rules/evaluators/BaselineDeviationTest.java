package io.thinkwatch.rules.evaluators;

import static io.thinkwatch.rules.TraceBuilder.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class BaselineDeviationTest {

    private final BaselineDeviation rule = new BaselineDeviation(3, 0.95, 100, 200, 1_000);
    private final MemoryState state = new MemoryState();

    private void learn(int calls, long from, long to) {
        for (int i = 0; i < calls; i++) {
            rule.evaluate(
                    call().reasoning(from + (to - from) * i / Math.max(1, calls - 1))
                            .build(),
                    Instant.EPOCH,
                    state);
        }
    }

    private Optional<Match> judge(long reasoning) {
        return rule.evaluate(call().reasoning(reasoning).build(), Instant.EPOCH, state);
    }

    @Test
    void callFarAboveTheLearnedP95Matches() {
        // Given 200 calls spread evenly between 1,000 and 3,000 reasoning tokens (p95 about 2,900)
        learn(200, 1_000, 3_000);

        // When a call spends 12,000
        Optional<Match> match = judge(12_000);

        // Then it is above 3 x p95 and matches with the learned limit
        assertThat(match).hasValueSatisfying(m -> {
            assertThat(m.observed()).isEqualTo(12_000.0);
            assertThat(m.threshold()).isBetween(8_600.0, 8_800.0);
        });
    }

    @Test
    void callWithinTheNormalRangeDoesNotMatch() {
        // Given the same learned traffic
        learn(200, 1_000, 3_000);

        // When a call spends 6,000 (about 2 x p95)
        Optional<Match> match = judge(6_000);

        // Then it is normal enough
        assertThat(match).isEmpty();
    }

    @Test
    void ruleIsSilentDuringWarmUp() {
        // Given only 50 calls seen, fewer than the warm-up of 100
        learn(50, 1_000, 3_000);

        // When a huge call arrives
        Optional<Match> match = judge(100_000);

        // Then nothing fires yet
        assertThat(match).isEmpty();
    }

    @Test
    void baselineFollowsALastingShift() {
        // Given a group that used to spend about 1,000 tokens and now steadily spends about 10,000
        learn(200, 900, 1_100);
        learn(200, 9_000, 11_000);

        // When another 10,500-token call arrives
        Optional<Match> match = judge(10_500);

        // Then it is the new normal: the oldest calls have rolled out of the sample
        assertThat(match).isEmpty();
    }

    @Test
    void sampleStaysBounded() {
        // Given many more calls than the sample size
        learn(1_000, 1_000, 2_000);

        // When the state is read
        BaselineDeviation.Sample sample = state.get(BaselineDeviation.Sample.class);

        // Then it holds sampleSize values and counts all calls seen
        assertThat(sample.values()).hasSize(200);
        assertThat(sample.seen()).isEqualTo(1_000);
    }
}
