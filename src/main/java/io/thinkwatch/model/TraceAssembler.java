package io.thinkwatch.model;

/**
 * Builds a {@link TraceEvent} from what a parser read, computing every derived field in one place:
 * status, truncation, empty answer, reasoning share, budget used and timings.
 */
public final class TraceAssembler {

    private TraceAssembler() {
    }

    public static TraceEvent assemble(
            String traceId, Attribution who, ProviderCall call, int httpStatus, Timings timings, String instance) {
        Usage usage = call.usage() == null ? Usage.missing() : call.usage();
        Long maxOutput = call.request() == null || call.request().params() == null
                ? null
                : call.request().params().maxOutputTokens();
        TraceStatus status = status(httpStatus, call.finishReason());
        boolean truncated = call.finishReason() == FinishReason.LENGTH;
        Boolean emptyAnswer = status == TraceStatus.ERROR ? null : isBlank(call.answer());
        return new TraceEvent(
                traceId, who.tenant(), who.app(), who.env(), who.userId(), who.sessionId(), who.tags(),
                call.provider(), call.api(), call.model(), call.responseModel(), call.request(),
                call.answer(), call.reasoningText(), call.finishReason(), call.rawFinishReason(),
                status, httpStatus, call.error(), usage, maxOutput,
                ratio(usage.reasoningTokens(), usage.outputTokens()),
                ratio(usage.outputTokens(), maxOutput),
                truncated, emptyAnswer, null, null,
                timings.startedAt(), timings.firstTokenAt(), timings.completedAt(),
                timings.latencyMs(), timings.timeToFirstTokenMs(), instance, 0);
    }

    /** The status a call ends with, from its HTTP status and finish reason. */
    public static TraceStatus status(int httpStatus, FinishReason finish) {
        if (httpStatus >= 400 || finish == FinishReason.ERROR) {
            return TraceStatus.ERROR;
        }
        if (finish == FinishReason.ABORTED) {
            return TraceStatus.ABORTED;
        }
        return finish == FinishReason.LENGTH ? TraceStatus.INCOMPLETE : TraceStatus.OK;
    }

    /** part / whole, or null when either is unknown or whole is not positive. */
    public static Double ratio(Long part, Long whole) {
        return part == null || whole == null || whole <= 0 ? null : (double) part / whole;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
