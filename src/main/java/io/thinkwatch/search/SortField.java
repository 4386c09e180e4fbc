package io.thinkwatch.search;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The fields traces may be sorted by (a whitelist); the name is the TraceEvent field path. */
public enum SortField {
    STARTED_AT("startedAt"),
    COMPLETED_AT("completedAt"),
    LATENCY_MS("latencyMs"),
    TIME_TO_FIRST_TOKEN_MS("timeToFirstTokenMs"),
    COST_USD("costUsd"),
    REASONING_TOKENS("usage.reasoningTokens"),
    OUTPUT_TOKENS("usage.outputTokens"),
    INPUT_TOKENS("usage.inputTokens"),
    REASONING_SHARE("reasoningShare"),
    BUDGET_USED("budgetUsed");

    static final Map<String, SortField> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(SortField::field, Function.identity()));

    private final String field;

    SortField(String field) {
        this.field = field;
    }

    public String field() {
        return field;
    }
}
