package io.thinkwatch.console.ui;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One row of the traces page. {@code answer} is the start of the visible answer, present only when the
 * search result carried it (reviewers and admins); a viewer's results have none.
 */
public record TraceRow(
        String traceId,
        Instant startedAt,
        String app,
        String model,
        String provider,
        String status,
        String finishReason,
        boolean truncated,
        boolean emptyAnswer,
        Long reasoningTokens,
        Long outputTokens,
        Double costUsd,
        Long latencyMs,
        String answer) {

    static final int ANSWER_CHARS = 140;

    static TraceRow of(JsonNode hit) {
        JsonNode usage = hit.path("usage");
        return new TraceRow(
                hit.path("traceId").asText(""),
                instant(text(hit, "startedAt")),
                text(hit, "app"),
                text(hit, "model"),
                text(hit, "provider"),
                text(hit, "status"),
                text(hit, "finishReason"),
                hit.path("truncated").asBoolean(false),
                hit.path("emptyAnswer").asBoolean(false),
                longValue(usage, "reasoningTokens"),
                longValue(usage, "outputTokens"),
                hit.path("costUsd").isNumber() ? hit.path("costUsd").doubleValue() : null,
                longValue(hit, "latencyMs"),
                excerpt(text(hit, "answer")));
    }

    static String excerpt(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= ANSWER_CHARS ? oneLine : oneLine.substring(0, ANSWER_CHARS) + "…";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.textValue() : null;
    }

    private static Long longValue(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isIntegralNumber() && value.canConvertToLong() ? value.longValue() : null;
    }

    private static Instant instant(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
