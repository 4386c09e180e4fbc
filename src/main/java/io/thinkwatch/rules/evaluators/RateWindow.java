package io.thinkwatch.rules.evaluators;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.Unit;

/**
 * {@code rate_window}: in a sliding window, more than {@code threshold} (0..1) of a group's calls were truncated,
 * came back empty or failed ({@code of}), once at least {@code minCount} calls were seen. Each such bad call
 * while the rate is above counts; good calls never do.
 */
public record RateWindow(Set<Condition> of, Duration window, double threshold, long minCount) implements Evaluator {

    /** What makes a call bad. */
    public enum Condition {
        TRUNCATED,
        EMPTY_ANSWER,
        FAILED
    }

    public static RateWindow from(RuleParams params) {
        return new RateWindow(
                Set.copyOf(
                        params.choices("of", Condition.class, EnumSet.of(Condition.TRUNCATED, Condition.EMPTY_ANSWER))),
                params.duration("window", null, Duration.ofMinutes(1), Duration.ofDays(7)),
                params.number("threshold", null, 0, 1),
                params.whole("minCount", 20L, 1));
    }

    @Override
    public Unit unit() {
        return Unit.SHARE;
    }

    @Override
    public Optional<Match> evaluate(TraceEvent trace, Instant at, GroupState state) {
        boolean bad = of.stream().anyMatch(condition -> holds(condition, trace));
        List<SlidingWindow.Totals> windows = SlidingWindow.add(state, window, at, 0, bad);
        if (!bad) {
            return Optional.empty();
        }
        SlidingWindow.Totals totals = windows.stream()
                .filter(w -> w.count() >= minCount)
                .max(Comparator.comparingDouble(RateWindow::rate))
                .orElse(null);
        if (totals == null || rate(totals) <= threshold) {
            return Optional.empty();
        }
        double rate = rate(totals);
        return Optional.of(new Match(
                rate,
                threshold,
                String.format(
                        Locale.ROOT,
                        "%d of %d calls in the last %s were %s (%.1f%%), above %.1f%%",
                        totals.hits(),
                        totals.count(),
                        Durations.format(window),
                        describe(),
                        rate * 100,
                        threshold * 100)));
    }

    private static double rate(SlidingWindow.Totals totals) {
        return (double) totals.hits() / totals.count();
    }

    private static boolean holds(Condition condition, TraceEvent trace) {
        return switch (condition) {
            case TRUNCATED -> Boolean.TRUE.equals(trace.truncated());
            case EMPTY_ANSWER -> Boolean.TRUE.equals(trace.emptyAnswer());
            case FAILED -> Calls.failed(trace);
        };
    }

    private String describe() {
        return String.join(
                " or ",
                of.stream().sorted().map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
    }
}
