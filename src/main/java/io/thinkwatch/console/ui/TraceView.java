package io.thinkwatch.console.ui;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.thinkwatch.model.TraceContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stored trace as the trace page shows it. Built from the stored JSON with tolerant reads: captured data is
 * untrusted, and a field of an unexpected type reads as absent instead of failing the page. Text fields are
 * shown through Qute's escaping; none of them is ever output raw.
 */
public record TraceView(
        String traceId,
        Map<String, String> attribution,
        Map<String, String> call,
        Map<String, String> timings,
        TokenBar tokens,
        String usageSource,
        Long inputTokens,
        Long cachedInputTokens,
        Double costUsd,
        String priceVersion,
        boolean truncated,
        boolean emptyAnswer,
        String finishReason,
        String status,
        String error,
        List<Message> messages,
        String input,
        String answer,
        String reasoningText,
        Long encryptedReasoningBytes,
        List<Tool> toolCalls,
        String contentExpiredAt,
        AppTrace appTrace,
        String rawJson) {

    /**
     * The application's own trace this call belongs to, with a link to it when a URL template is configured.
     *
     * @param url the template with {@code {traceId}} and {@code {spanId}} filled in, or null without a template
     */
    public record AppTrace(String traceId, String spanId, String url) {}

    /**
     * One tool call the model made: its name, id and arguments' size (metadata), and its arguments text (null when the
     * caller may not read it, or it expired).
     */
    public record Tool(String name, String id, Long argumentBytes, String arguments) {}

    /** One request message: its role and its text (or, for structured content, its JSON). */
    public record Message(String role, String text) {}

    /**
     * The trace as the page shows it.
     *
     * @param appTraceUrl the URL template of the team's tracing backend ({@code thinkwatch.console.app-trace-url}),
     *                    or null
     */
    public static TraceView of(ObjectNode trace, ObjectMapper mapper, String appTraceUrl) {
        JsonNode usage = trace.path("usage");
        JsonNode request = trace.path("request");
        JsonNode params = request.path("params");
        Map<String, String> attribution = ordered(
                "Tenant",
                text(trace, "tenant"),
                "App",
                text(trace, "app"),
                "Environment",
                text(trace, "env"),
                "User",
                text(trace, "userId"),
                "Session",
                text(trace, "sessionId"),
                "Tags",
                tags(trace.path("tags")),
                "Captured by",
                text(trace, "captureInstance"),
                "Redactions",
                redactions(trace));
        Map<String, String> call = ordered(
                "Provider",
                text(trace, "provider"),
                "API",
                text(trace, "api"),
                "Model",
                text(trace, "model"),
                "Response model",
                text(trace, "responseModel"),
                "Status",
                text(trace, "status"),
                "HTTP status",
                number(trace, "httpStatus"),
                "Finish reason",
                text(trace, "finishReason"),
                "Provider's finish reason",
                text(trace, "rawFinishReason"),
                "Reasoning effort",
                text(params, "reasoningEffort"),
                "Thinking budget",
                number(params, "thinkingBudget"),
                "Temperature",
                decimal(params, "temperature"),
                "Streamed",
                bool(params, "stream"));
        Map<String, String> timings = ordered(
                "Started",
                Fmt.time(instant(trace, "startedAt")),
                "First token",
                Fmt.time(instant(trace, "firstTokenAt")),
                "Completed",
                Fmt.time(instant(trace, "completedAt")),
                "Latency",
                Fmt.millis(longValue(trace, "latencyMs")),
                "Time to first token",
                Fmt.millis(longValue(trace, "timeToFirstTokenMs")));
        TokenBar bar = TokenBar.of(
                longValue(usage, "outputTokens"),
                longValue(usage, "reasoningTokens"),
                longValue(usage, "visibleOutputTokens"),
                longValue(trace, "maxOutputTokens"));
        return new TraceView(
                text(trace, "traceId"),
                attribution,
                call,
                timings,
                bar,
                text(usage, "source"),
                longValue(usage, "inputTokens"),
                longValue(usage, "cachedInputTokens"),
                doubleValue(trace, "costUsd"),
                text(trace, "priceVersion"),
                trace.path("truncated").asBoolean(false),
                trace.path("emptyAnswer").asBoolean(false),
                text(trace, "finishReason"),
                text(trace, "status"),
                text(trace, "error"),
                messages(request.path("messages"), mapper),
                text(request, "input"),
                text(trace, "answer"),
                text(trace, "reasoningText"),
                longValue(trace, "encryptedReasoningBytes"),
                tools(trace.path("toolCalls")),
                expiredOn(trace),
                appTrace(trace.path("traceContext"), appTraceUrl),
                pretty(trace, mapper));
    }

    /** The application's trace, when the stored ids are well formed (stored data is untrusted), else null. */
    static AppTrace appTrace(JsonNode context, String urlTemplate) {
        String traceId = text(context, "traceId");
        String spanId = text(context, "spanId");
        if (!TraceContext.isTraceId(traceId) || !TraceContext.isSpanId(spanId)) {
            return null;
        }
        String url = urlTemplate == null || urlTemplate.isBlank()
                ? null
                : urlTemplate.replace("{traceId}", traceId).replace("{spanId}", spanId);
        return new AppTrace(traceId, spanId, url);
    }

    /** The day the trace's text expired (content retention), or null while it is kept. */
    private static String expiredOn(ObjectNode trace) {
        String at = text(trace, "contentExpiredAt");
        return at == null || at.length() < 10 ? at : at.substring(0, 10);
    }

    private static List<Tool> tools(JsonNode calls) {
        List<Tool> out = new ArrayList<>();
        for (JsonNode call : calls) {
            out.add(new Tool(
                    text(call, "name") == null ? "?" : text(call, "name"),
                    text(call, "id"),
                    longValue(call, "argumentBytes"),
                    text(call, "arguments")));
        }
        return out;
    }

    private static List<Message> messages(JsonNode messages, ObjectMapper mapper) {
        List<Message> out = new ArrayList<>();
        for (JsonNode message : messages) {
            JsonNode content = message.path("content");
            String text =
                    content.isTextual() ? content.textValue() : content.isMissingNode() ? "" : pretty(content, mapper);
            out.add(new Message(message.path("role").asText("?"), text));
        }
        return out;
    }

    private static Map<String, String> ordered(String... labelsAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            map.put(labelsAndValues[i], labelsAndValues[i + 1] == null ? Fmt.NONE : labelsAndValues[i + 1]);
        }
        return map;
    }

    /** How many texts capture replaced, with the count of each type: {@code 3 (email 2, openai_key 1)}. */
    static String redactions(JsonNode trace) {
        String total = number(trace, "redactions");
        List<String> byType = new ArrayList<>();
        trace.path("redactionsByType")
                .fields()
                .forEachRemaining(
                        e -> byType.add(e.getKey() + " " + e.getValue().asText()));
        return total == null || byType.isEmpty() ? total : total + " (" + String.join(", ", byType) + ")";
    }

    private static String tags(JsonNode tags) {
        List<String> pairs = new ArrayList<>();
        tags.fields()
                .forEachRemaining(e -> pairs.add(e.getKey() + "=" + e.getValue().asText()));
        return pairs.isEmpty() ? null : String.join(", ", pairs);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.textValue() : null;
    }

    private static Long longValue(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isIntegralNumber() && value.canConvertToLong() ? value.longValue() : null;
    }

    private static Double doubleValue(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.doubleValue() : null;
    }

    private static String number(JsonNode node, String field) {
        Long value = longValue(node, field);
        return value == null ? null : Fmt.count(value);
    }

    private static String decimal(JsonNode node, String field) {
        Double value = doubleValue(node, field);
        return value == null ? null : value.toString();
    }

    private static String bool(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isBoolean() ? (value.booleanValue() ? "yes" : "no") : null;
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String pretty(JsonNode node, ObjectMapper mapper) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }
}
