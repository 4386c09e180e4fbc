package io.thinkwatch.model;

import com.fasterxml.jackson.databind.JsonNode;

/** What the application asked for: the prompt (possibly cut to a size limit) and the parameters that matter. */
public record RequestInfo(JsonNode messages, String input, Params params) {

    /** Request parameters that shape reasoning spend. */
    public record Params(
            Long maxOutputTokens, String reasoningEffort, Long thinkingBudget, Double temperature, Boolean stream) {}
}
