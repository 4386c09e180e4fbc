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
 * Anthropic Messages ({@code POST /v1/messages}), plain and streamed. Cache reads and writes are added to
 * the input count (Anthropic reports them beside it); thinking is inside {@code output_tokens}, and its own
 * count comes only from {@code output_tokens_details.thinking_tokens}: without it, reasoning tokens stay
 * unknown (null) unless the answer had no thinking at all. {@code redacted_thinking} is noted, never shown.
 */
public final class AnthropicMessagesParser implements ProviderParser {

    /** What stands in the reasoning text for a redacted thinking block, whose content is opaque. */
    static final String REDACTED = "[redacted thinking]";

    private final Provider provider;
    private final String pathModel;
    private final ObjectMapper mapper;

    public AnthropicMessagesParser(Provider provider, ObjectMapper mapper) {
        this(provider, null, mapper);
    }

    /**
     * @param pathModel the model the request path names (Claude on Vertex AI or Bedrock, whose bodies name none),
     *        else null
     */
    public AnthropicMessagesParser(Provider provider, String pathModel, ObjectMapper mapper) {
        this.provider = provider;
        this.pathModel = pathModel;
        this.mapper = mapper;
    }

    @Override
    public ProviderCall parse(JsonNode request, ResponseCopy response) {
        RequestInfo info = requestInfo(request, response.isAwsEventStream());
        String model = Json.text(request, "model") != null ? Json.text(request, "model") : pathModel;
        if (response.status() >= 400) {
            String error = ParserSupport.errorMessage(ParserSupport.object(mapper, response.body()), response.status());
            return failed(model, info, error);
        }
        if (response.isEventStream()) {
            return new AnthropicStream(provider, mapper).read(response, model, info);
        }
        if (response.isAwsEventStream()) {
            return new AnthropicStream(provider, mapper).readChunks(response, model, info);
        }
        JsonNode body = ParserSupport.object(mapper, response.body());
        if (body == null) {
            return failed(model, info, response.unreadable());
        }
        StringBuilder answer = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        boolean thought = false;
        Long encrypted = null;
        List<ToolCall> tools = new ArrayList<>();
        for (JsonNode block : body.path("content")) {
            switch (String.valueOf(Json.text(block, "type"))) {
                case "text" -> ParserSupport.append(answer, Json.text(block, "text"));
                case "thinking" -> {
                    thought = true;
                    separate(reasoning).append(String.valueOf(Json.text(block, "thinking")));
                }
                case "redacted_thinking" -> {
                    thought = true;
                    separate(reasoning).append(REDACTED);
                    encrypted = ParserSupport.addEncrypted(encrypted, Json.text(block, "data"));
                }
                case "tool_use", "server_tool_use", "mcp_tool_use" ->
                    tools.add(ToolCall.of(
                            Json.text(block, "id"), Json.text(block, "name"), ToolCallParts.json(block.get("input"))));
                default -> {
                    // tool results of server tools, and blocks without visible text
                }
            }
        }
        String rawFinish = Json.text(body, "stop_reason");
        return new ProviderCall(
                provider,
                Api.MESSAGES,
                model,
                Json.text(body, "model"),
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

    /**
     * @param thought whether the answer had thinking blocks; without them and without a thinking count,
     *        reasoning is known to be 0
     */
    static Usage usage(JsonNode usage, boolean thought) {
        if (!usage.isObject()) {
            return Usage.missing();
        }
        Long read = Json.longValue(usage, "cache_read_input_tokens");
        Long write = Json.longValue(usage, "cache_creation_input_tokens");
        Long input = ParserSupport.sum(ParserSupport.sum(Json.longValue(usage, "input_tokens"), read), write);
        Long thinking = Json.longValue(usage.path("output_tokens_details"), "thinking_tokens");
        Long output = Json.longValue(usage, "output_tokens");
        return Usage.reported(
                input, read, output, thinking != null ? thinking : thought ? null : Long.valueOf(0), write);
    }

    static FinishReason finishReason(String raw) {
        if (raw == null) {
            return FinishReason.OTHER;
        }
        return switch (raw) {
            case "end_turn", "stop_sequence" -> FinishReason.STOP;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    /** @param streamed whether the route itself streams (Bedrock's InvokeModelWithResponseStream), body aside */
    static RequestInfo requestInfo(JsonNode request, boolean streamed) {
        JsonNode thinking = request.path("thinking");
        return new RequestInfo(
                request.get("messages"),
                null,
                new RequestInfo.Params(
                        Json.longValue(request, "max_tokens"),
                        Json.text(request.path("output_config"), "effort"),
                        Json.longValue(thinking, "budget_tokens"),
                        ParserSupport.doubleValue(request, "temperature"),
                        streamed || request.path("stream").asBoolean(false)));
    }

    static StringBuilder separate(StringBuilder text) {
        return text.isEmpty() ? text : text.append("\n\n");
    }

    private ProviderCall failed(String model, RequestInfo info, String error) {
        return ProviderCall.failure(provider, Api.MESSAGES, model, info, error);
    }
}
