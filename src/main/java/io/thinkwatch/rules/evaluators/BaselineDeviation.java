package io.thinkwatch.rules.evaluators;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.Unit;

/**
 * {@code baseline_deviation}: a call's reasoning tokens are above {@code factor} times the learned
 * {@code quantile} of its group (by default: app and model). The baseline is the group's last
 * {@code sampleSize} calls, kept in a ring buffer in the state store, so it follows the traffic as it changes;
 * the rule stays silent until {@code warmUp} calls were seen, and never fires below {@code minTokens}.
 */
public record BaselineDeviation(double factor, double quantile, long warmUp, int sampleSize, long minTokens)
        implements Evaluator {

    /** The last {@code values.length} observations; {@code next} is where the next one goes. */
    @SuppressWarnings("ArrayRecordComponent") // a ring buffer kept in the state store, never compared as a record
    public record Sample(long[] values, int next, long seen) {}

    public static BaselineDeviation from(RuleParams params) {
        return new BaselineDeviation(
                params.number("factor", 3.0, 1, 1_000),
                params.number("quantile", 0.95, 0.5, 0.999),
                params.whole("warmUp", 200L, 1),
                (int) params.whole("sampleSize", 1_000L, 10, 100_000),
                params.whole("minTokens", 1_000L, 0));
    }

    @Override
    public Unit unit() {
        return Unit.TOKENS;
    }

    @Override
    public Optional<Match> evaluate(TraceEvent trace, Instant at, GroupState state) {
        Long reasoning = Calls.reasoningTokens(trace);
        if (reasoning == null) {
            return Optional.empty();
        }
        Sample sample = resized(state.get(Sample.class));
        Optional<Match> match = Optional.empty();
        if (sample.seen() >= warmUp) {
            double limit = Math.max(factor * quantile(sample), (double) minTokens);
            if ((double) reasoning > limit) {
                match = Optional.of(new Match(
                        (double) reasoning,
                        limit,
                        String.format(
                                Locale.ROOT,
                                "reasoning tokens %d above %.0f (%.1f x the p%s of the last %d calls of this group)",
                                reasoning,
                                limit,
                                factor,
                                percentile(),
                                Math.min(sample.seen(), sampleSize))));
            }
        }
        long[] values = sample.values();
        values[sample.next()] = reasoning;
        state.put(new Sample(values, (sample.next() + 1) % values.length, sample.seen() + 1));
        return match;
    }

    private double quantile(Sample sample) {
        int filled = (int) Math.min(sample.seen(), sample.values().length);
        long[] sorted = Arrays.copyOf(sample.values(), filled);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(quantile * filled) - 1;
        return sorted[Math.max(0, Math.min(rank, filled - 1))];
    }

    /** The stored sample, or an empty one; re-sized (keeping the newest values) when sampleSize changed. */
    private Sample resized(Sample stored) {
        if (stored == null) {
            return new Sample(new long[sampleSize], 0, 0);
        }
        if (stored.values().length == sampleSize) {
            return stored;
        }
        int filled = (int) Math.min(stored.seen(), stored.values().length);
        int keep = Math.min(filled, sampleSize);
        long[] values = new long[sampleSize];
        for (int i = 0; i < keep; i++) {
            int from = Math.floorMod(stored.next() - keep + i, stored.values().length);
            values[i] = stored.values()[from];
        }
        return new Sample(values, keep % sampleSize, keep);
    }

    private String percentile() {
        double p = quantile * 100;
        return p == Math.rint(p) ? Long.toString((long) p) : String.format(Locale.ROOT, "%.1f", p);
    }
}
