package io.thinkwatch.rules.evaluators;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.Unit;

/**
 * {@code spend_window}: the sum of a metric (cost in USD, reasoning or output tokens) over the calls of one group
 * in a sliding window is above {@code budget}. Every call that adds spend while the sum is above counts; a call
 * that arrives late counts when a window containing it is above.
 */
public record SpendWindow(Metric metric, Duration window, double budget) implements Evaluator {

    /** What is summed. */
    public enum Metric {
        COST_USD,
        REASONING_TOKENS,
        OUTPUT_TOKENS
    }

    public static SpendWindow from(RuleParams params) {
        return new SpendWindow(
                params.choice("metric", Metric.class, null),
                params.duration("window", null, Duration.ofMinutes(1), Duration.ofDays(7)),
                params.positive("budget"));
    }

    @Override
    public Unit unit() {
        return metric == Metric.COST_USD ? Unit.USD : Unit.TOKENS;
    }

    @Override
    public Optional<Match> evaluate(TraceEvent trace, Instant at, GroupState state) {
        Double value = value(trace);
        if (value == null || value <= 0) {
            return Optional.empty();
        }
        double sum = SlidingWindow.add(state, window, at, value, true).stream()
                .mapToDouble(SlidingWindow.Totals::sum)
                .max()
                .orElse(0);
        if (sum <= budget) {
            return Optional.empty();
        }
        return Optional.of(new Match(
                sum,
                budget,
                String.format(
                        Locale.ROOT,
                        "%s in the last %s: %s, above the budget of %s",
                        metric.name().toLowerCase(Locale.ROOT),
                        Durations.format(window),
                        unit().format(sum),
                        unit().format(budget))));
    }

    private Double value(TraceEvent trace) {
        return switch (metric) {
            case COST_USD -> trace.costUsd() == null ? null : trace.costUsd().doubleValue();
            case REASONING_TOKENS -> toDouble(Calls.reasoningTokens(trace));
            case OUTPUT_TOKENS ->
                toDouble(trace.usage() == null ? null : trace.usage().outputTokens());
        };
    }

    private static Double toDouble(Long value) {
        return value == null ? null : value.doubleValue();
    }
}
