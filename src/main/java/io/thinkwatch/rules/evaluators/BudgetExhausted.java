package io.thinkwatch.rules.evaluators;

import java.time.Instant;
import java.util.Optional;

import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.Unit;

/** {@code budget_exhausted}: the output budget ended the answer (finish reason {@code length}). */
public record BudgetExhausted() implements Evaluator {

    public static BudgetExhausted from(RuleParams params) {
        return new BudgetExhausted();
    }

    @Override
    public Unit unit() {
        return Unit.TOKENS;
    }

    @Override
    public Optional<Match> evaluate(TraceEvent trace, Instant at, GroupState state) {
        if (!Boolean.TRUE.equals(trace.truncated())) {
            return Optional.empty();
        }
        Long output = trace.usage() == null ? null : trace.usage().outputTokens();
        Long reasoning = Calls.reasoningTokens(trace);
        Long budget = trace.maxOutputTokens();
        String message = "output budget " + (budget == null ? "(not set)" : budget + " tokens") + " exhausted"
                + (reasoning == null ? "" : ", " + reasoning + " of them reasoning");
        return Optional.of(new Match(
                output == null ? null : output.doubleValue(), budget == null ? null : budget.doubleValue(), message));
    }
}
