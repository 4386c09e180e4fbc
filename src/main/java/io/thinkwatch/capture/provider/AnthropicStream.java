package io.thinkwatch.capture.provider;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

import io.thinkwatch.model.Api;
import io.thinkwatch.model.FinishReason;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.RequestInfo;
import io.thinkwatch.model.Usage;
import io.thinkwatch.model.UsageSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.eventstream.Message;

/**
 * Reads an Anthropic Messages event stream. Usage starts with {@code message_start} and is then replaced
 * field by field by each {@code message_delta}, whose values are cumulative; a stream that never reached
 * {@code message_delta} has no output count, and its usage is {@code missing}.
 */
final class AnthropicStream {

    private final Provider provider;
    private final ObjectMapper mapper;
    private final StringBuilder answer = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private final ObjectNode usage = JsonNodeFactory.instance.objectNode();
    private boolean thought;
    private boolean finalUsage;
    private String responseModel;
    private String rawFinish;
    private Integer firstTokenOffset;
    private boolean stopped;
    private Long encrypted;
    private String error;
    private final ToolCallParts tools = new ToolCallParts();

    AnthropicStream(Provider provider, ObjectMapper mapper) {
        this.provider = provider;
        this.mapper = mapper;
    }

    /** An SSE stream, as {@code /v1/messages} and Vertex AI's {@code :streamRawPredict} send it. */
    ProviderCall read(ResponseCopy response, String model, RequestInfo info) {
        for (SseEvents.Event event : SseEvents.parse(response.body(), response.complete())) {
            JsonNode data = ParserSupport.object(mapper, event);
            if (data == null) {
                continue;
            }
            String type = Json.text(data, "type") != null ? Json.text(data, "type") : String.valueOf(event.type());
            event(type, data, event.end());
            if (error != null) {
                break;
            }
        }
        return call(response, model, info);
    }

    /**
     * Bedrock's InvokeModelWithResponseStream: AWS event-stream frames (decoded by the eventstream library), each
     * {@code chunk} holding one Messages stream event as base64 in {@code bytes}; an exception is a frame whose
     * {@code :message-type} is {@code exception}.
     */
    ProviderCall readChunks(ResponseCopy response, String model, RequestInfo info) {
        ByteBuffer body = ByteBuffer.wrap(response.body());
        while (body.hasRemaining() && error == null) {
            Message message;
            try {
                message = Message.decode(body);
            } catch (RuntimeException e) {
                // a frame cut off by the end of the copy, or bytes that are not event-stream framing
                if (response.complete()) {
                    error = "the stream holds a frame that could not be read";
                }
                break;
            }
            JsonNode payload = ParserSupport.object(mapper, message.getPayload());
            if (!"event".equals(BedrockStream.header(message, ":message-type"))) {
                String text = payload == null ? null : Json.text(payload, "message");
                String type = BedrockStream.header(message, ":exception-type");
                error = text != null ? text : type != null ? type : "the stream ended with an error";
                break;
            }
            JsonNode data = chunk(payload);
            if (data != null) {
                event(String.valueOf(Json.text(data, "type")), data, body.position());
            }
        }
        return call(response, model, info);
    }

    /** The Messages event a {@code chunk} frame carries, or null. */
    private JsonNode chunk(JsonNode payload) {
        String bytes = payload == null ? null : Json.text(payload, "bytes");
        if (bytes == null) {
            return null;
        }
        try {
            return ParserSupport.object(mapper, Base64.getDecoder().decode(bytes));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void event(String type, JsonNode data, int end) {
        switch (type) {
            case "message_start" -> {
                responseModel = Json.text(data.path("message"), "model");
                merge(data.path("message").path("usage"));
            }
            case "content_block_start" ->
                blockStart(data.path("content_block"), data.path("index").asText(), end);
            case "content_block_delta" ->
                delta(data.path("delta"), data.path("index").asText(), end);
            case "message_delta" -> {
                rawFinish = Json.text(data.path("delta"), "stop_reason") != null
                        ? Json.text(data.path("delta"), "stop_reason")
                        : rawFinish;
                merge(data.path("usage"));
                finalUsage = finalUsage || data.path("usage").isObject();
            }
            case "message_stop" -> stopped = true;
            case "error" -> error = ParserSupport.errorMessage(data, 200);
            default -> {
                // ping, content_block_stop
            }
        }
    }

    private ProviderCall call(ResponseCopy response, String model, RequestInfo info) {
        FinishReason finish = error != null
                ? FinishReason.ERROR
                : stopped || rawFinish != null
                        ? AnthropicMessagesParser.finishReason(rawFinish)
                        : response.complete() ? FinishReason.ERROR : FinishReason.ABORTED;
        String why = finish == FinishReason.ERROR && error == null ? "the stream ended without message_stop" : error;
        return new ProviderCall(
                provider,
                Api.MESSAGES,
                model,
                responseModel,
                info,
                answer.toString(),
                ParserSupport.orNull(reasoning),
                finish,
                rawFinish,
                usage(),
                why,
                firstTokenOffset,
                encrypted,
                tools.calls());
    }

    private void blockStart(JsonNode block, String index, int end) {
        String type = String.valueOf(Json.text(block, "type"));
        if (type.equals("tool_use") || type.equals("server_tool_use") || type.equals("mcp_tool_use")) {
            // the input comes as input_json_delta pieces; the block's own (empty) input stands when none come
            tools.start(index, Json.text(block, "id"), Json.text(block, "name"));
            tools.initial(index, ToolCallParts.json(block.get("input")));
            return;
        }
        if (type.equals("thinking") || type.equals("redacted_thinking")) {
            thought = true;
            AnthropicMessagesParser.separate(reasoning);
            if (type.equals("redacted_thinking")) {
                reasoning.append(AnthropicMessagesParser.REDACTED);
                encrypted = ParserSupport.addEncrypted(encrypted, Json.text(block, "data"));
            } else {
                text(reasoning, Json.text(block, "thinking"), end);
            }
        } else if (type.equals("text")) {
            text(answer, Json.text(block, "text"), end);
        }
    }

    private void delta(JsonNode delta, String index, int end) {
        switch (String.valueOf(Json.text(delta, "type"))) {
            case "text_delta" -> text(answer, Json.text(delta, "text"), end);
            case "thinking_delta" -> text(reasoning, Json.text(delta, "thinking"), end);
            case "input_json_delta" -> tools.append(index, Json.text(delta, "partial_json"));
            default -> {
                // signature_delta
            }
        }
    }

    private void text(StringBuilder target, String text, int end) {
        if (text != null && !text.isEmpty() && firstTokenOffset == null) {
            firstTokenOffset = end;
        }
        ParserSupport.append(target, text);
    }

    /** Later values replace earlier ones: {@code message_delta} usage is cumulative, not an increment. */
    private void merge(JsonNode update) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = update.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isNull()) {
                usage.set(field.getKey(), field.getValue());
            }
        }
    }

    private Usage usage() {
        Usage counts = AnthropicMessagesParser.usage(usage, thought);
        if (finalUsage) {
            return counts;
        }
        return new Usage(
                counts.inputTokens(),
                counts.cachedInputTokens(),
                null,
                null,
                null,
                UsageSource.MISSING,
                counts.cacheWriteTokens());
    }
}
