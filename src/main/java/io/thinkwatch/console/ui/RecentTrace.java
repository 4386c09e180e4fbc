package io.thinkwatch.console.ui;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

/** One row of the overview's latest traces: metadata only. */
public record RecentTrace(
        String traceId,
        Instant startedAt,
        String app,
        String model,
        String status,
        Long reasoningTokens,
        Double costUsd,
        boolean truncated,
        boolean emptyAnswer,
        Long latencyMs) {

    static RecentTrace of(JsonNode hit) {
        JsonNode reasoning = hit.path("usage").path("reasoningTokens");
        JsonNode cost = hit.path("costUsd");
        JsonNode latency = hit.path("latencyMs");
        return new RecentTrace(
                hit.path("traceId").asText(""),
                instant(hit.path("startedAt").asText(null)),
                hit.path("app").asText(null),
                hit.path("model").asText(null),
                hit.path("status").asText(null),
                reasoning.isIntegralNumber() ? reasoning.longValue() : null,
                cost.isNumber() ? cost.doubleValue() : null,
                hit.path("truncated").asBoolean(false),
                hit.path("emptyAnswer").asBoolean(false),
                latency.isIntegralNumber() ? latency.longValue() : null);
    }

    private static Instant instant(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
