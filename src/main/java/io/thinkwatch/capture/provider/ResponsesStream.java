package io.thinkwatch.capture.provider;

import io.thinkwatch.model.Api;
import io.thinkwatch.model.FinishReason;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.RequestInfo;
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
            Long encryptedReasoningBytes) {

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
                    encryptedReasoningBytes);
        }
    }

    private final ObjectMapper mapper;
    private final StringBuilder answer = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private String reasoningPart;
    private String responseModel;
    private Integer firstTokenOffset;

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
                case "response.completed", "response.incomplete", "response.failed" -> {
                    Result whole = OpenAiResponsesParser.fromResponse(data.path("response"), answer, reasoning);
                    return new Result(
                            whole.responseModel() != null ? whole.responseModel() : responseModel,
                            whole.answer(),
                            whole.reasoning(),
                            whole.finish(),
                            whole.rawFinish(),
                            whole.usage(),
                            whole.error(),
                            firstTokenOffset,
                            whole.encryptedReasoningBytes());
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
                null);
    }
}
