package io.thinkwatch.rules.evaluators;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.Unit;

/**
 * {@code reasoning_share_above}: reasoning took more than {@code threshold} (0..1) of a call's output tokens.
 * Calls with fewer than {@code minOutputTokens} output tokens are ignored: for tiny answers the share is noise.
 */
public record ReasoningShareAbove(double threshold, long minOutputTokens) implements Evaluator {

    public static ReasoningShareAbove from(RuleParams params) {
        return new ReasoningShareAbove(params.number("threshold", null, 0, 1), params.whole("minOutputTokens", 0L, 0));
    }

    @Override
    public Unit unit() {
        return Unit.SHARE;
    }

    @Override
    public Optional<Match> evaluate(TraceEvent trace, Instant at, GroupState state) {
        Long reasoning = Calls.reasoningTokens(trace);
        Long output = trace.usage() == null ? null : trace.usage().outputTokens();
        if (reasoning == null || output == null || output <= 0 || output < minOutputTokens) {
            return Optional.empty();
        }
        double share = (double) reasoning / output;
        if (share <= threshold) {
            return Optional.empty();
        }
        return Optional.of(new Match(
                share,
                threshold,
                String.format(
                        Locale.ROOT,
                        "reasoning was %.1f%% of %d output tokens, above %.1f%%",
                        share * 100,
                        output,
                        threshold * 100)));
    }
}
