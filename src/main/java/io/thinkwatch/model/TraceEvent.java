package io.thinkwatch.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.soabase.recordbuilder.core.RecordBuilder;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One call to a reasoning model, as published to {@code thinkwatch.traces}. Field names are public API.
 *
 * @param toolCalls the tool calls the model made, in the order it made them; null when it made none
 * @param toolCallCount how many tool calls the model made (the size of {@code toolCalls}); null when it made none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RecordBuilder
public record TraceEvent(
        String traceId,
        String tenant,
        String app,
        String env,
        String userId,
        String sessionId,
        Map<String, String> tags,
        Provider provider,
        Api api,
        String model,
        String responseModel,
        RequestInfo request,
        String answer,
        String reasoningText,
        FinishReason finishReason,
        String rawFinishReason,
        TraceStatus status,
        Integer httpStatus,
        String error,
        Usage usage,
        Long maxOutputTokens,
        Double reasoningShare,
        Double budgetUsed,
        Boolean truncated,
        Boolean emptyAnswer,
        BigDecimal costUsd,
        String priceVersion,
        Instant startedAt,
        Instant firstTokenAt,
        Instant completedAt,
        Long latencyMs,
        Long timeToFirstTokenMs,
        String captureInstance,
        Integer redactions,
        Map<String, Integer> redactionsByType,
        String captureKeyId,
        TraceContext traceContext,
        Long encryptedReasoningBytes,
        List<ToolCall> toolCalls,
        Integer toolCallCount)
        implements TraceEventBuilder.With {

    /** The same trace with other recorded texts (for instance cut shorter). */
    public TraceEvent withTexts(RequestInfo request, String answer, String reasoningText, String error) {
        return with().request(request)
                .answer(answer)
                .reasoningText(reasoningText)
                .error(error)
                .build();
    }

    /** The same trace with its tool calls' arguments texts replaced, one by one (null: the trace has none). */
    public TraceEvent withToolArguments(UnaryOperator<String> change) {
        if (toolCalls == null) {
            return this;
        }
        return with().toolCalls(toolCalls.stream()
                        .map(call -> call.withArguments(change.apply(call.arguments())))
                        .toList())
                .build();
    }

    /** The same trace priced: its cost and the version of the price table that priced it. */
    public TraceEvent withCost(BigDecimal cost, String version) {
        return with().costUsd(cost).priceVersion(version).build();
    }
}
