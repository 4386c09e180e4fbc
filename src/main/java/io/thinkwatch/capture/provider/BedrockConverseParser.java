package io.thinkwatch.capture.provider;

import java.util.ArrayList;
import java.util.List;

import io.thinkwatch.model.Api;
import io.thinkwatch.model.FinishReason;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.RequestInfo;
import io.thinkwatch.model.ToolCall;
import io.thinkwatch.model.Usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Amazon Bedrock Runtime's Converse ({@code /model/{modelId}/converse}, JSON) and ConverseStream
 * ({@code .../converse-stream}, AWS event-stream frames, read by {@link BedrockStream}). The model is in the path.
 * Reasoning comes in {@code reasoningContent} blocks ({@code reasoningText.text}, or opaque
 * {@code redactedContent}); it is inside {@code outputTokens} and Bedrock gives no count of its own, so reasoning
 * tokens stay unknown (null) when the answer reasoned, as for Anthropic without {@code thinking_tokens}.
 */
public final class BedrockConverseParser implements ProviderParser {

    private final Provider provider;
    private final String model;
    private final boolean stream;
    private final ObjectMapper mapper;

    /**
     * @param model the model id named in the path
     * @param stream whether the route was ConverseStream
     */
    public BedrockConverseParser(Provider provider, String model, boolean stream, ObjectMapper mapper) {
        this.provider = provider;
        this.model = model;
        this.stream = stream;
        this.mapper = mapper;
    }

    @Override
    public ProviderCall parse(JsonNode request, ResponseCopy response) {
        RequestInfo info = requestInfo(request, stream);
        if (response.status() >= 400) {
            return failed(info, errorMessage(ParserSupport.object(mapper, response.body()), response.status()));
        }
        if (stream) {
            return new BedrockStream(mapper).read(response).toCall(provider, model, info);
        }
        JsonNode body = ParserSupport.object(mapper, response.body());
        if (body == null) {
            return failed(info, response.unreadable());
        }
        StringBuilder answer = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        boolean thought = false;
        Long encrypted = null;
        List<ToolCall> tools = new ArrayList<>();
        for (JsonNode block : body.path("output").path("message").path("content")) {
            ParserSupport.append(answer, Json.text(block, "text"));
            JsonNode toolUse = block.get("toolUse");
            if (toolUse != null && toolUse.isObject()) {
                tools.add(ToolCall.of(
                        Json.text(toolUse, "toolUseId"),
                        Json.text(toolUse, "name"),
                        ToolCallParts.json(toolUse.get("input"))));
            }
            JsonNode reasoningContent = block.get("reasoningContent");
            if (reasoningContent != null && reasoningContent.isObject()) {
                thought = true;
                String text = Json.text(reasoningContent.path("reasoningText"), "text");
                AnthropicMessagesParser.separate(reasoning)
                        .append(text != null ? text : AnthropicMessagesParser.REDACTED);
                encrypted = ParserSupport.addEncrypted(encrypted, Json.text(reasoningContent, "redactedContent"));
            }
        }
        String rawFinish = Json.text(body, "stopReason");
        return new ProviderCall(
                provider,
                Api.CONVERSE,
                model,
                null,
                info,
                answer.toString(),
                ParserSupport.orNull(reasoning),
                finishReason(rawFinish),
                rawFinish,
                usage(body.path("usage"), thought),
                null,
                null,
                encrypted,
                tools);
    }

    /** Input adds cache reads and writes, which Bedrock counts beside {@code inputTokens}, as Anthropic does. */
    static Usage usage(JsonNode usage, boolean thought) {
        if (!usage.isObject()) {
            return Usage.missing();
        }
        Long read = Json.longValue(usage, "cacheReadInputTokens");
        Long write = Json.longValue(usage, "cacheWriteInputTokens");
        Long input = ParserSupport.sum(ParserSupport.sum(Json.longValue(usage, "inputTokens"), read), write);
        return Usage.reported(
                input, read, Json.longValue(usage, "outputTokens"), thought ? null : Long.valueOf(0), write);
    }

    static FinishReason finishReason(String raw) {
        if (raw == null) {
            return FinishReason.OTHER;
        }
        return switch (raw) {
            case "end_turn", "stop_sequence" -> FinishReason.STOP;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "guardrail_intervened", "content_filtered" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    /** Bedrock's errors are {@code {"message": ...}}, the type in a header. */
    static String errorMessage(JsonNode body, int status) {
        String message = body == null ? null : Json.text(body, "message");
        return message != null ? message : ParserSupport.errorMessage(body, status);
    }

    static RequestInfo requestInfo(JsonNode request, boolean stream) {
        JsonNode config = request.path("inferenceConfig");
        JsonNode fields = request.path("additionalModelRequestFields");
        return new RequestInfo(
                request.get("messages"),
                null,
                new RequestInfo.Params(
                        Json.longValue(config, "maxTokens"),
                        Json.text(fields.path("output_config"), "effort"),
                        Json.longValue(fields.path("thinking"), "budget_tokens"),
                        ParserSupport.doubleValue(config, "temperature"),
                        stream));
    }

    private ProviderCall failed(RequestInfo info, String error) {
        return ProviderCall.failure(provider, Api.CONVERSE, model, info, error);
    }
}
