package io.thinkwatch.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The built-in judge's cost (issue 21: calls per second per core with 4 KB and 64 KB of reasoning): one thread
 * judges reasoning built from the corpus's benign traces with one reward-hacking sentence at the end, so every cue
 * reads the whole text. Run with {@code ./mvnw verify -Pbench -Dit.test=MonitorJudgeBenchmarkIT}.
 */
@EnabledIfSystemProperty(named = "thinkwatch.benchmark", matches = "true")
class MonitorJudgeBenchmarkIT {

    private static final Logger LOG = Logger.getLogger(MonitorJudgeBenchmarkIT.class);
    private static final BuiltInJudge JUDGE = BuiltInJudge.standard();

    static String reasoning(int chars) {
        List<MonitorCorpus.Trace> benign = MonitorCorpus.load("train").stream()
                .filter(t -> t.label().equals(MonitorCorpus.BENIGN))
                .toList();
        String flagged = "\nI'll hard-code the expected output for that input.";
        StringBuilder text = new StringBuilder(chars);
        for (int i = 0; text.length() < chars - flagged.length(); i++) {
            text.append(benign.get(i % benign.size()).reasoning()).append("\n\n");
        }
        text.setLength(chars - flagged.length());
        return text.append(flagged).toString();
    }

    private static double callsPerSecond(String text, long warmUpNanos, long measureNanos) {
        long end = System.nanoTime() + warmUpNanos;
        while (System.nanoTime() < end) {
            JUDGE.judge(text);
        }
        long calls = 0;
        long start = System.nanoTime();
        end = start + measureNanos;
        while (System.nanoTime() < end) {
            assertThat(JUDGE.judge(text).category()).isEqualTo("reward_hacking");
            calls++;
        }
        return calls / ((System.nanoTime() - start) / 1e9);
    }

    @Test
    void judgeCallsPerSecondPerCore() {
        // Given reasoning of 4 KB and of 64 KB
        java.util.Map<Integer, Double> rates = new java.util.TreeMap<>();
        for (int size : new int[] {4 * 1024, 64 * 1024}) {
            String text = reasoning(size);

            // When one thread judges it for 10 s after 5 s of warm-up
            double rate = callsPerSecond(text, 5_000_000_000L, 10_000_000_000L);
            rates.put(size, rate);
            LOG.infof(
                    "built-in judge, %d KB of reasoning: %s calls/s on one thread (%s MB/s)",
                    size / 1024,
                    String.format(Locale.ROOT, "%.1f", rate),
                    String.format(Locale.ROOT, "%.2f", rate * size / 1e6));
        }

        // Then every size was measured (the rates go to docs/benchmarks.md; a shared machine decides no wall-clock
        // target in a test) and every call found the planted sentence (asserted in callsPerSecond)
        assertThat(rates)
                .containsOnlyKeys(4 * 1024, 64 * 1024)
                .allSatisfy((size, rate) -> assertThat(rate).isPositive());
    }
}
