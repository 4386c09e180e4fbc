package io.thinkwatch.capture.provider;

import java.nio.ByteBuffer;

import io.thinkwatch.model.Api;
import io.thinkwatch.model.FinishReason;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.RequestInfo;
import io.thinkwatch.model.Usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * Folds a ConverseStream body into one call. The body is AWS event-stream frames, decoded one by one by the
 * {@code software.amazon.eventstream} library (which checks each frame's checksums); a cut-off last frame is left
 * out. Events: {@code messageStart}, {@code contentBlockStart}, {@code contentBlockDelta} ({@code delta.text},
 * {@code delta.reasoningContent.text}, {@code .redactedContent}, {@code .signature}, {@code delta.toolUse}),
 * {@code contentBlockStop}, {@code messageStop} ({@code stopReason}), {@code metadata} ({@code usage}); an
 * exception comes as a frame whose {@code :message-type} is {@code exception}.
 */
final class BedrockStream {

    private final ObjectMapper mapper;
    private final StringBuilder answer = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private boolean thought;
    private boolean inReasoning;
    private String rawFinish;
    private String error;
    private JsonNode usage;
    private Integer firstTokenOffset;
    private boolean complete;
    private Long encrypted;
    private final ToolCallParts tools = new ToolCallParts();

    BedrockStream(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    BedrockStream read(ResponseCopy response) {
        complete = response.complete();
        ByteBuffer body = ByteBuffer.wrap(response.body());
        while (body.hasRemaining()) {
            Message message;
            try {
                message = Message.decode(body);
            } catch (RuntimeException e) {
                // a frame cut off by the end of the copy, or bytes that are not event-stream framing
                if (error == null && response.complete()) {
                    error = "the stream holds a frame that could not be read";
                }
                break;
            }
            event(message, body.position());
            if (error != null) {
                break;
            }
        }
        return this;
    }

    private void event(Message message, int end) {
        JsonNode payload = ParserSupport.object(mapper, message.getPayload());
        String messageType = header(message, ":message-type");
        if (!"event".equals(messageType)) {
            String type = header(message, ":exception-type");
            String text = payload == null ? null : Json.text(payload, "message");
            error = text != null ? text : type != null ? type : "the stream ended with an error";
            return;
        }
        if (payload == null) {
            return;
        }
        switch (String.valueOf(header(message, ":event-type"))) {
            case "contentBlockStart" -> {
                JsonNode toolUse = payload.path("start").path("toolUse");
                if (toolUse.isObject()) {
                    tools.start(
                            payload.path("contentBlockIndex").asText(),
                            Json.text(toolUse, "toolUseId"),
                            Json.text(toolUse, "name"));
                }
            }
            case "contentBlockDelta" -> {
                delta(payload.path("delta"), end);
                JsonNode toolUse = payload.path("delta").path("toolUse");
                if (toolUse.isObject()) {
                    tools.append(payload.path("contentBlockIndex").asText(), Json.text(toolUse, "input"));
                }
            }
            case "contentBlockStop" -> inReasoning = false;
            case "messageStop" -> rawFinish = Json.text(payload, "stopReason");
            case "metadata" -> {
                if (payload.path("usage").isObject()) {
                    usage = payload.get("usage");
                }
            }
            default -> {
                // messageStart: nothing to record
            }
        }
    }

    private void delta(JsonNode delta, int end) {
        String text = Json.text(delta, "text");
        ParserSupport.append(answer, text);
        JsonNode reasoningContent = delta.get("reasoningContent");
        String thinking = null;
        if (reasoningContent != null && reasoningContent.isObject()) {
            if (!inReasoning) {
                AnthropicMessagesParser.separate(reasoning);
                inReasoning = true;
            }
            thought = true;
            thinking = Json.text(reasoningContent, "text");
            ParserSupport.append(reasoning, thinking);
            if (reasoningContent.has("redactedContent")) {
                reasoning.append(AnthropicMessagesParser.REDACTED);
                encrypted = ParserSupport.addEncrypted(encrypted, Json.text(reasoningContent, "redactedContent"));
            }
        }
        if (firstTokenOffset == null && (hasText(text) || hasText(thinking))) {
            firstTokenOffset = end;
        }
    }

    ProviderCall toCall(Provider provider, String model, RequestInfo info) {
        FinishReason finish = error != null
                ? FinishReason.ERROR
                : rawFinish != null
                        ? BedrockConverseParser.finishReason(rawFinish)
                        : !complete ? FinishReason.ABORTED : FinishReason.ERROR;
        String why = finish == FinishReason.ERROR && error == null ? "the stream ended without a stop reason" : error;
        return new ProviderCall(
                provider,
                Api.CONVERSE,
                model,
                null,
                info,
                answer.toString(),
                ParserSupport.orNull(reasoning),
                finish,
                rawFinish,
                usage == null ? Usage.missing() : BedrockConverseParser.usage(usage, thought),
                why,
                firstTokenOffset,
                encrypted,
                tools.calls());
    }

    private static boolean hasText(String text) {
        return text != null && !text.isEmpty();
    }

    static String header(Message message, String name) {
        HeaderValue value = message.getHeaders().get(name);
        try {
            return value == null ? null : value.getString();
        } catch (RuntimeException e) {
            return null; // a header of another type than string
        }
    }
}
