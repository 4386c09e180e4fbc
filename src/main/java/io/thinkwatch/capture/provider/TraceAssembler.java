package io.thinkwatch.capture.provider;

import io.thinkwatch.model.Attribution;
import io.thinkwatch.model.Derived;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.TraceStatus;
import io.thinkwatch.model.Usage;

/**
 * Builds a {@link TraceEvent} from what a parser read: the derived fields by {@link Derived}, the timings by
 * {@link Timings}.
 */
public final class TraceAssembler {

    private TraceAssembler() {}

    public static TraceEvent assemble(
            String traceId, Attribution who, ProviderCall call, int httpStatus, Timings timings, String instance) {
        Usage usage = call.usage() == null ? Usage.missing() : call.usage();
        Long maxOutput = call.request() == null || call.request().params() == null
                ? null
                : call.request().params().maxOutputTokens();
        TraceStatus status = Derived.status(httpStatus, call.finishReason());
        Derived derived = Derived.of(
                status, call.finishReason(), call.answer(), call.toolCalls().size(), usage, maxOutput);
        return new TraceEvent(
                traceId,
                who.tenant(),
                who.app(),
                who.env(),
                who.userId(),
                who.sessionId(),
                who.tags(),
                call.provider(),
                call.api(),
                call.model(),
                call.responseModel(),
                call.request(),
                call.answer(),
                call.reasoningText(),
                call.finishReason(),
                call.rawFinishReason(),
                status,
                httpStatus,
                call.error(),
                usage,
                maxOutput,
                derived.reasoningShare(),
                derived.budgetUsed(),
                derived.truncated(),
                derived.emptyAnswer(),
                null,
                null,
                timings.startedAt(),
                timings.firstTokenAt(),
                timings.completedAt(),
                timings.latencyMs(),
                timings.timeToFirstTokenMs(),
                instance,
                0,
                null,
                who.captureKeyId(),
                null,
                call.encryptedReasoningBytes(),
                call.toolCalls().isEmpty() ? null : call.toolCalls(),
                call.toolCalls().isEmpty() ? null : call.toolCalls().size());
    }
}
