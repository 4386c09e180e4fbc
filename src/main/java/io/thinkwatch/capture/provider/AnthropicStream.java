package io.thinkwatch.capture.provider;

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

    AnthropicStream(Provider provider, ObjectMapper mapper) {
        this.provider = provider;
        this.mapper = mapper;
    }

    ProviderCall read(ResponseCopy response, String model, RequestInfo info) {
        String error = null;
        boolean stopped = false;
        for (SseEvents.Event event : SseEvents.parse(response.body(), response.complete())) {
            JsonNode data = ParserSupport.object(mapper, event);
            if (data == null) {
                continue;
            }
            String type = Json.text(data, "type") != null ? Json.text(data, "type") : String.valueOf(event.type());
            switch (type) {
                case "message_start" -> {
                    responseModel = Json.text(data.path("message"), "model");
                    merge(data.path("message").path("usage"));
                }
                case "content_block_start" -> blockStart(data.path("content_block"), event);
                case "content_block_delta" -> delta(data.path("delta"), event);
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
            if (error != null) {
                break;
            }
        }
        FinishReason finish = error != null
                ? FinishReason.ERROR
                : stopped || rawFinish != null
                        ? AnthropicMessagesParser.finishReason(rawFinish)
                        : response.complete() ? FinishReason.ERROR : FinishReason.ABORTED;
        if (finish == FinishReason.ERROR && error == null) {
            error = "the stream ended without message_stop";
        }
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
                error,
                firstTokenOffset);
    }

    private void blockStart(JsonNode block, SseEvents.Event event) {
        String type = String.valueOf(Json.text(block, "type"));
        if (type.equals("thinking") || type.equals("redacted_thinking")) {
            thought = true;
            AnthropicMessagesParser.separate(reasoning);
            if (type.equals("redacted_thinking")) {
                reasoning.append(AnthropicMessagesParser.REDACTED);
            } else {
                text(reasoning, Json.text(block, "thinking"), event);
            }
        } else if (type.equals("text")) {
            text(answer, Json.text(block, "text"), event);
        }
    }

    private void delta(JsonNode delta, SseEvents.Event event) {
        switch (String.valueOf(Json.text(delta, "type"))) {
            case "text_delta" -> text(answer, Json.text(delta, "text"), event);
            case "thinking_delta" -> text(reasoning, Json.text(delta, "thinking"), event);
            default -> {
                // signature_delta, input_json_delta
            }
        }
    }

    private void text(StringBuilder target, String text, SseEvents.Event event) {
        if (text != null && !text.isEmpty() && firstTokenOffset == null) {
            firstTokenOffset = event.end();
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
