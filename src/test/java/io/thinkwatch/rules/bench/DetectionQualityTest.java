package io.thinkwatch.rules.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.EventTime;
import io.thinkwatch.model.RuleKind;
import io.thinkwatch.rules.CompiledRule;
import io.thinkwatch.rules.DefaultRules;
import io.thinkwatch.rules.Detector;
import io.thinkwatch.rules.RuleCompiler;
import io.thinkwatch.rules.TestRules;

/** The default rules on the labelled synthetic week, in process (the benchmark runs the same through Kafka). */
class DetectionQualityTest {

    @Test
    void defaultRulesMeetTheDetectionTargets() {
        // Given the default rules and a labelled synthetic week
        List<CompiledRule> rules = new DefaultRules(null, TestRules.MAPPER)
                .definitions().stream()
                        .map(d -> RuleCompiler.compile(d.name(), 1, "bench", d))
                        .toList();
        List<SyntheticTraffic.Call> calls =
                new SyntheticTraffic(42, "bench", Instant.parse("2025-03-03T00:00:00Z")).generate(3, 6, 12, 2);

        // When every call is judged by every rule in time order
        Detector detector = new Detector();
        for (SyntheticTraffic.Call call : calls) {
            rules.forEach(rule -> detector.accept(rule, call.trace(), EventTime.of(call.trace(), Instant.EPOCH)));
        }

        // Then per-call kinds find every labelled finding and the baseline is precise and finds nearly all
        Scoring scoring = new Scoring(calls, rules, detector.findings());
        org.jboss.logging.Logger.getLogger(DetectionQualityTest.class)
                .infof("%d calls, by rule: %s", calls.size(), scoring.byRule);
        scoring.byKind.forEach((kind, score) -> {
            if (kind.family() == RuleKind.Family.PER_CALL) {
                assertThat(score.recall()).as(kind.wire() + " recall " + score).isEqualTo(1.0);
            }
            assertThat(score.precision())
                    .as(kind.wire() + " precision " + score)
                    .isGreaterThanOrEqualTo(0.95);
        });
        assertThat(scoring.byKind.get(RuleKind.BASELINE_DEVIATION).recall()).isGreaterThanOrEqualTo(0.9);
        assertThat(scoring.byKind.get(RuleKind.SPEND_WINDOW).recall()).isEqualTo(1.0);
        assertThat(scoring.byKind.get(RuleKind.RATE_WINDOW).recall()).isEqualTo(1.0);
    }
}
