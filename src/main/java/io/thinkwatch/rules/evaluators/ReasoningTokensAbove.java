package io.thinkwatch.rules.evaluators;

import java.time.Instant;
import java.util.Optional;

import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.Unit;

/** {@code reasoning_tokens_above}: one call spent more than {@code threshold} reasoning tokens. */
public record ReasoningTokensAbove(long threshold) implements Evaluator {

    public static ReasoningTokensAbove from(RuleParams params) {
        return new ReasoningTokensAbove(params.whole("threshold", null, 1));
    }

    @Override
    public Unit unit() {
        return Unit.TOKENS;
    }

    @Override
    public Optional<Match> evaluate(TraceEvent trace, Instant at, GroupState state) {
        Long reasoning = Calls.reasoningTokens(trace);
        if (reasoning == null || reasoning <= threshold) {
            return Optional.empty();
        }
        return Optional.of(new Match(
                (double) reasoning, (double) threshold, "reasoning tokens " + reasoning + " above " + threshold));
    }
}
