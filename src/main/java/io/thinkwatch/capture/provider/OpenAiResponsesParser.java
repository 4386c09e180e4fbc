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
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * OpenAI Responses ({@code POST /v1/responses}), plain and streamed. The answer is the concatenation of the
 * {@code output_text} parts of {@code message} items; the visible reasoning is the {@code reasoning} items'
 * summaries (and their {@code reasoning_text} content, where a model shows it).
 */
public final class OpenAiResponsesParser implements ProviderParser {

    private final Provider provider;
    private final String deployment;
    private final ObjectMapper mapper;

    public OpenAiResponsesParser(Provider provider, ObjectMapper mapper) {
        this(provider, null, mapper);
    }

    /** @param deployment the model a path names (an Azure deployment), recorded when the body names none */
    public OpenAiResponsesParser(Provider provider, String deployment, ObjectMapper mapper) {
        this.provider = provider;
        this.deployment = deployment;
        this.mapper = mapper;
    }

    @Override
    public ProviderCall parse(JsonNode request, ResponseCopy response) {
        RequestInfo info = requestInfo(request);
        String model = Json.text(request, "model") != null ? Json.text(request, "model") : deployment;
        if (response.status() >= 400) {
            String error = ParserSupport.errorMessage(ParserSupport.object(mapper, response.body()), response.status());
            return failed(model, info, error);
        }
        if (response.isEventStream()) {
            return new ResponsesStream(mapper).read(response).toCall(provider, model, info);
        }
        JsonNode body = ParserSupport.object(mapper, response.body());
        if (body == null) {
            return failed(model, info, response.unreadable());
        }
        return fromResponse(body, new StringBuilder(), new StringBuilder(), List.of())
                .toCall(provider, model, info);
    }

    /** Reads a whole {@code response} object; the texts fall back to streamed deltas when it has none. */
    static ResponsesStream.Result fromResponse(
            JsonNode body,
            StringBuilder streamedAnswer,
            StringBuilder streamedReasoning,
            List<ToolCall> streamedTools) {
        StringBuilder answer = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        boolean toolCall = false;
        Long encrypted = null;
        List<ToolCall> tools = new ArrayList<>();
        for (JsonNode item : body.path("output")) {
            String type = Json.text(item, "type");
            if ("reasoning".equals(type)) {
                encrypted = ParserSupport.addEncrypted(encrypted, Json.text(item, "encrypted_content"));
                for (JsonNode part : item.path("summary")) {
                    separate(reasoning).append(nullToEmpty(Json.text(part, "text")));
                }
                for (JsonNode part : item.path("content")) {
                    separate(reasoning).append(nullToEmpty(Json.text(part, "text")));
                }
            } else if ("message".equals(type)) {
                for (JsonNode part : item.path("content")) {
                    ParserSupport.append(
                            answer,
                            "refusal".equals(Json.text(part, "type"))
                                    ? Json.text(part, "refusal")
                                    : Json.text(part, "text"));
                }
            } else if (type != null && type.endsWith("_call")) {
                toolCall = true;
                tools.add(toolCall(item));
            }
        }
        String status = Json.text(body, "status");
        String reason = Json.text(body.path("incomplete_details"), "reason");
        String error = "failed".equals(status) ? ParserSupport.errorMessage(body, 200) : null;
        return new ResponsesStream.Result(
                Json.text(body, "model"),
                answer.isEmpty() ? streamedAnswer.toString() : answer.toString(),
                ParserSupport.orNull(reasoning.isEmpty() ? streamedReasoning : reasoning),
                finishReason(status, reason, toolCall),
                reason != null ? reason : status,
                usage(body.path("usage")),
                error,
                null,
                encrypted,
                tools.isEmpty() ? streamedTools : tools);
    }

    /**
     * One {@code *_call} output item: a function call ({@code name}, {@code arguments}), a custom tool call
     * ({@code name}, {@code input}), an MCP call ({@code name}, {@code arguments}); a built-in tool's call
     * ({@code web_search_call}, {@code code_interpreter_call}, ...) is named by its type, without arguments.
     */
    static ToolCall toolCall(JsonNode item) {
        String id = Json.text(item, "call_id") != null ? Json.text(item, "call_id") : Json.text(item, "id");
        String name = Json.text(item, "name") != null ? Json.text(item, "name") : Json.text(item, "type");
        String arguments =
                Json.text(item, "arguments") != null ? Json.text(item, "arguments") : Json.text(item, "input");
        return ToolCall.of(id, name, arguments);
    }

    static FinishReason finishReason(String status, String reason, boolean toolCall) {
        if (status == null) {
            return FinishReason.OTHER;
        }
        return switch (status) {
            case "completed" -> toolCall ? FinishReason.TOOL_CALLS : FinishReason.STOP;
            case "incomplete" ->
                "max_output_tokens".equals(reason)
                        ? FinishReason.LENGTH
                        : "content_filter".equals(reason) ? FinishReason.CONTENT_FILTER : FinishReason.OTHER;
            case "failed" -> FinishReason.ERROR;
            case "cancelled" -> FinishReason.ABORTED;
            default -> FinishReason.OTHER;
        };
    }

    static Usage usage(JsonNode usage) {
        if (!usage.isObject()) {
            return Usage.missing();
        }
        Long output = Json.longValue(usage, "output_tokens");
        Long reasoning = Json.longValue(usage.path("output_tokens_details"), "reasoning_tokens");
        return new Usage(
                Json.longValue(usage, "input_tokens"),
                Json.longValue(usage.path("input_tokens_details"), "cached_tokens"),
                output,
                reasoning,
                output == null ? null : output - (reasoning == null ? 0 : reasoning),
                UsageSource.PROVIDER);
    }

    static RequestInfo requestInfo(JsonNode request) {
        JsonNode input = request.get("input");
        return new RequestInfo(
                input != null && input.isArray() ? input : null,
                Json.text(request, "input"),
                new RequestInfo.Params(
                        Json.longValue(request, "max_output_tokens"),
                        Json.text(request.path("reasoning"), "effort"),
                        null,
                        ParserSupport.doubleValue(request, "temperature"),
                        request.path("stream").asBoolean(false)));
    }

    private ProviderCall failed(String model, RequestInfo info, String error) {
        return ProviderCall.failure(provider, Api.RESPONSES, model, info, error);
    }

    private static StringBuilder separate(StringBuilder text) {
        return text.isEmpty() ? text : text.append("\n\n");
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
