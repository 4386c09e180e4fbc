package io.thinkwatch.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import io.soabase.recordbuilder.core.RecordBuilder;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One call to a reasoning model, as published to {@code thinkwatch.traces}. Field names are public API. */
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
        Long encryptedReasoningBytes)
        implements TraceEventBuilder.With {

    /** The same trace with other recorded texts (for instance cut shorter). */
    public TraceEvent withTexts(RequestInfo request, String answer, String reasoningText, String error) {
        return with().request(request)
                .answer(answer)
                .reasoningText(reasoningText)
                .error(error)
                .build();
    }

    /** The same trace priced: its cost and the version of the price table that priced it. */
    public TraceEvent withCost(BigDecimal cost, String version) {
        return with().costUsd(cost).priceVersion(version).build();
    }
}
