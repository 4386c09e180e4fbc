package io.thinkwatch.capture.provider;

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
 * Reads an OpenAI Responses event stream: text and reasoning deltas as they came, then the whole
 * {@code response} of the terminal event ({@code response.completed}, {@code .incomplete}, {@code .failed}),
 * or an {@code error} event.
 */
final class ResponsesStream {

    /** What the stream (or a whole response) said. */
    record Result(
            String responseModel,
            String answer,
            String reasoning,
            FinishReason finish,
            String rawFinish,
            Usage usage,
            String error,
            Integer firstTokenOffset,
            Long encryptedReasoningBytes,
            List<ToolCall> toolCalls) {

        ProviderCall toCall(Provider provider, String model, RequestInfo info) {
            return new ProviderCall(
                    provider,
                    Api.RESPONSES,
                    model,
                    responseModel,
                    info,
                    answer,
                    reasoning,
                    finish,
                    rawFinish,
                    usage,
                    error,
                    firstTokenOffset,
                    encryptedReasoningBytes,
                    toolCalls);
        }
    }

    private final ObjectMapper mapper;
    private final StringBuilder answer = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private String reasoningPart;
    private String responseModel;
    private Integer firstTokenOffset;
    private final ToolCallParts tools = new ToolCallParts();

    ResponsesStream(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Result read(ResponseCopy response) {
        for (SseEvents.Event event : SseEvents.parse(response.body(), response.complete())) {
            JsonNode data = ParserSupport.object(mapper, event);
            if (data == null) {
                continue;
            }
            String type = Json.text(data, "type") != null ? Json.text(data, "type") : event.type();
            if (type == null) {
                continue;
            }
            switch (type) {
                case "response.created", "response.in_progress" ->
                    responseModel = Json.text(data.path("response"), "model");
                case "response.output_text.delta", "response.refusal.delta" -> text(answer, data, event);
                case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" -> {
                    String part = Json.text(data, "item_id") + "/"
                            + data.path("summary_index").asInt(-1);
                    if (!reasoning.isEmpty() && !part.equals(reasoningPart)) {
                        reasoning.append("\n\n");
                    }
                    reasoningPart = part;
                    text(reasoning, data, event);
                }
                case "response.output_item.added", "response.output_item.done" -> item(data.path("item"));
                case "response.function_call_arguments.delta",
                        "response.custom_tool_call_input.delta",
                        "response.mcp_call_arguments.delta" ->
                    tools.append(String.valueOf(Json.text(data, "item_id")), Json.text(data, "delta"));
                case "response.function_call_arguments.done", "response.mcp_call_arguments.done" ->
                    tools.whole(String.valueOf(Json.text(data, "item_id")), Json.text(data, "arguments"));
                case "response.custom_tool_call_input.done" ->
                    tools.whole(String.valueOf(Json.text(data, "item_id")), Json.text(data, "input"));
                case "response.completed", "response.incomplete", "response.failed" -> {
                    Result whole =
                            OpenAiResponsesParser.fromResponse(data.path("response"), answer, reasoning, tools.calls());
                    return new Result(
                            whole.responseModel() != null ? whole.responseModel() : responseModel,
                            whole.answer(),
                            whole.reasoning(),
                            whole.finish(),
                            whole.rawFinish(),
                            whole.usage(),
                            whole.error(),
                            firstTokenOffset,
                            whole.encryptedReasoningBytes(),
                            whole.toolCalls());
                }
                case "error" -> {
                    String message = Json.text(data, "message");
                    return end(FinishReason.ERROR, message != null ? message : ParserSupport.errorMessage(data, 200));
                }
                default -> {
                    // output_item, content_part and other bookkeeping events carry nothing new
                }
            }
        }
        return response.complete()
                ? end(FinishReason.ERROR, "the stream ended without a terminal event")
                : end(FinishReason.ABORTED, null);
    }

    /** A {@code *_call} output item as it began or ended; its arguments, when it has them, are whole. */
    private void item(JsonNode item) {
        String type = Json.text(item, "type");
        if (type == null || !type.endsWith("_call")) {
            return;
        }
        ToolCall call = OpenAiResponsesParser.toolCall(item);
        String key = String.valueOf(Json.text(item, "id"));
        tools.start(key, call.id(), call.name());
        if (call.arguments() != null && !call.arguments().isEmpty()) {
            tools.whole(key, call.arguments());
        }
    }

    private void text(StringBuilder target, JsonNode data, SseEvents.Event event) {
        String delta = Json.text(data, "delta");
        if (delta != null && !delta.isEmpty() && firstTokenOffset == null) {
            firstTokenOffset = event.end();
        }
        ParserSupport.append(target, delta);
    }

    private Result end(FinishReason finish, String error) {
        return new Result(
                responseModel,
                answer.toString(),
                ParserSupport.orNull(reasoning),
                finish,
                null,
                Usage.missing(),
                error,
                firstTokenOffset,
                null,
                tools.calls());
    }
}
