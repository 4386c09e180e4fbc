package io.thinkwatch.capture.provider;

import java.util.ArrayList;
import java.util.List;

import io.thinkwatch.model.Api;
import io.thinkwatch.model.FinishReason;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.RequestInfo;
import io.thinkwatch.model.ToolCall;
import io.thinkwatch.model.Usage;
import io.thinkwatch.model.UsageSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Folds Gemini responses into one call: a plain answer is one chunk, a stream is many, each a whole
 * response with new parts; the finish reason and usage of the last chunk that has them win. Gemini omits
 * zero counts (proto3 JSON), so a count absent from a present {@code usageMetadata} is 0.
 */
final class GeminiChunks {

    /** One response object, and the byte offset by which it had arrived (null for a plain answer). */
    record Chunk(JsonNode json, Integer end) {}

    private final Provider provider;
    private final String model;
    private final RequestInfo info;

    GeminiChunks(Provider provider, String model, RequestInfo info) {
        this.provider = provider;
        this.model = model;
        this.info = info;
    }

    ProviderCall read(List<Chunk> chunks, boolean stream, boolean complete) {
        StringBuilder answer = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        String responseModel = null;
        String rawFinish = null;
        String error = null;
        boolean toolCall = false;
        Integer firstTokenOffset = null;
        Usage usage = Usage.missing();
        List<ToolCall> tools = new ArrayList<>();
        for (Chunk chunk : chunks) {
            JsonNode json = chunk.json();
            if (json.has("error")) {
                error = ParserSupport.errorMessage(json, 200);
                break;
            }
            responseModel = Json.text(json, "modelVersion") != null ? Json.text(json, "modelVersion") : responseModel;
            JsonNode candidate = json.path("candidates").path(0);
            for (JsonNode part : candidate.path("content").path("parts")) {
                String text = Json.text(part, "text");
                ParserSupport.append(part.path("thought").asBoolean(false) ? reasoning : answer, text);
                JsonNode function = part.get("functionCall");
                if (function != null && function.isObject()) {
                    toolCall = true;
                    tools.add(ToolCall.of(
                            Json.text(function, "id"),
                            Json.text(function, "name"),
                            ToolCallParts.json(function.get("args"))));
                }
                if (text != null && !text.isEmpty() && firstTokenOffset == null) {
                    firstTokenOffset = chunk.end();
                }
            }
            rawFinish = Json.text(candidate, "finishReason") != null
                    ? Json.text(candidate, "finishReason")
                    : Json.text(json.path("promptFeedback"), "blockReason") != null
                            ? Json.text(json.path("promptFeedback"), "blockReason")
                            : rawFinish;
            usage = json.path("usageMetadata").isObject() ? usage(json.get("usageMetadata")) : usage;
        }
        FinishReason finish = error != null
                ? FinishReason.ERROR
                : rawFinish != null
                        ? finishReason(rawFinish, toolCall)
                        : !complete ? FinishReason.ABORTED : FinishReason.ERROR;
        if (finish == FinishReason.ERROR && error == null) {
            error = rawFinish != null
                    ? "generation ended with " + rawFinish
                    : stream ? "the stream ended without a finish reason" : "the answer has no finish reason";
        }
        return new ProviderCall(
                        provider,
                        Api.GENERATE_CONTENT,
                        model,
                        responseModel,
                        info,
                        answer.toString(),
                        ParserSupport.orNull(reasoning),
                        finish,
                        rawFinish,
                        usage,
                        error,
                        stream ? firstTokenOffset : null)
                .withToolCalls(tools);
    }

    static Usage usage(JsonNode usage) {
        long candidates = usage.path("candidatesTokenCount").asLong(0);
        long thoughts = usage.path("thoughtsTokenCount").asLong(0);
        return new Usage(
                usage.path("promptTokenCount").asLong(0),
                usage.path("cachedContentTokenCount").asLong(0),
                candidates + thoughts,
                thoughts,
                candidates,
                UsageSource.PROVIDER);
    }

    static FinishReason finishReason(String raw, boolean toolCall) {
        return switch (raw) {
            case "STOP" -> toolCall ? FinishReason.TOOL_CALLS : FinishReason.STOP;
            case "MAX_TOKENS" -> FinishReason.LENGTH;
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "OTHER_SAFETY" ->
                FinishReason.CONTENT_FILTER;
            case "MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL" -> FinishReason.ERROR;
            default -> FinishReason.OTHER;
        };
    }

    static ProviderCall failed(Provider provider, String model, RequestInfo info, String error) {
        return ProviderCall.failure(provider, Api.GENERATE_CONTENT, model, info, error);
    }
}
