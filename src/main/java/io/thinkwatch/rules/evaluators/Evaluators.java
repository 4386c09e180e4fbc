package io.thinkwatch.rules.evaluators;

import io.thinkwatch.model.RuleKind;

import com.fasterxml.jackson.databind.JsonNode;

/** Builds the evaluator of a rule kind from its parameters, refusing bad ones with {@link RuleInvalid}. */
public final class Evaluators {

    private Evaluators() {}

    public static Evaluator compile(RuleKind kind, JsonNode params) {
        RuleParams p = new RuleParams(params);
        Evaluator evaluator = switch (kind) {
            case REASONING_TOKENS_ABOVE -> ReasoningTokensAbove.from(p);
            case REASONING_SHARE_ABOVE -> ReasoningShareAbove.from(p);
            case BUDGET_EXHAUSTED -> BudgetExhausted.from(p);
            case EMPTY_ANSWER_AFTER_REASONING -> EmptyAnswerAfterReasoning.from(p);
            case COST_ABOVE -> CostAbove.from(p);
            case LATENCY_ABOVE -> LatencyAbove.from(p);
            case USAGE_MISSING -> UsageMissing.from(p);
            case CONTENT_MATCH -> ContentMatch.from(p);
            case SPEND_WINDOW -> SpendWindow.from(p);
            case RATE_WINDOW -> RateWindow.from(p);
            case BASELINE_DEVIATION -> BaselineDeviation.from(p);
            case REASONING_MONITOR -> ReasoningMonitor.from(p);
        };
        p.done();
        return evaluator;
    }
}
