package io.thinkwatch.rules.evaluators;

import java.time.Instant;
import java.util.Optional;

import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.Unit;

/**
 * {@code empty_answer_after_reasoning}: the visible answer is empty although the model spent at least
 * {@code minReasoningTokens} (default 1) reasoning tokens; the user paid for thinking and got nothing.
 */
public record EmptyAnswerAfterReasoning(long minReasoningTokens) implements Evaluator {

    public static EmptyAnswerAfterReasoning from(RuleParams params) {
        return new EmptyAnswerAfterReasoning(params.whole("minReasoningTokens", 1L, 1));
    }

    @Override
    public Unit unit() {
        return Unit.TOKENS;
    }

    @Override
    public Optional<Match> evaluate(TraceEvent trace, Instant at, GroupState state) {
        Long reasoning = Calls.reasoningTokens(trace);
        if (!Boolean.TRUE.equals(trace.emptyAnswer()) || reasoning == null || reasoning < minReasoningTokens) {
            return Optional.empty();
        }
        return Optional.of(new Match(
                (double) reasoning,
                (double) minReasoningTokens,
                "empty answer after " + reasoning + " reasoning tokens"));
    }
}
