package io.thinkwatch.rules.evaluators;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.Unit;

/** {@code cost_above}: one call cost more than {@code thresholdUsd}. Calls without a price are not judged. */
public record CostAbove(BigDecimal thresholdUsd) implements Evaluator {

    public static CostAbove from(RuleParams params) {
        return new CostAbove(params.amount("thresholdUsd"));
    }

    @Override
    public Unit unit() {
        return Unit.USD;
    }

    @Override
    public Optional<Match> evaluate(TraceEvent trace, Instant at, GroupState state) {
        BigDecimal cost = trace.costUsd();
        if (cost == null || cost.compareTo(thresholdUsd) <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Match(
                cost.doubleValue(),
                thresholdUsd.doubleValue(),
                "cost " + cost.toPlainString() + " USD above " + thresholdUsd.toPlainString() + " USD"));
    }
}
