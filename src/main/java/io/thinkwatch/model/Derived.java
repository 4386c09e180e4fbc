package io.thinkwatch.model;

/**
 * The TraceEvent fields that follow from the others, decided by one rule for every path a trace comes by (a
 * proxied call, direct ingest). A value that cannot be known from what was recorded stays null.
 *
 * @param truncated   true when the finish reason is {@code length}; null when neither a finish reason nor an
 *                    error says how the call ended
 * @param emptyAnswer true when the visible answer is missing, empty or whitespace and the model called no tool;
 *                    null for an error, which has no answer to judge
 */
public record Derived(Double reasoningShare, Double budgetUsed, Boolean truncated, Boolean emptyAnswer) {

    /** The derived fields of a call without tool calls. */
    public static Derived of(
            TraceStatus status, FinishReason finish, String answer, Usage usage, Long maxOutputTokens) {
        return of(status, finish, answer, 0, usage, maxOutputTokens);
    }

    /**
     * The derived fields of a call with this status, finish reason, answer, number of tool calls, usage and output
     * budget. A call that ended to call tools (finish {@code tool_calls}, or tool calls made) did not give an empty
     * answer: calling a tool was its answer.
     */
    public static Derived of(
            TraceStatus status, FinishReason finish, String answer, int toolCalls, Usage usage, Long maxOutputTokens) {
        Boolean truncated = finish == FinishReason.LENGTH
                ? Boolean.TRUE
                : (finish == null && status != TraceStatus.ERROR) ? null : Boolean.FALSE;
        boolean calledTools = toolCalls > 0 || finish == FinishReason.TOOL_CALLS;
        Boolean emptyAnswer = status == TraceStatus.ERROR ? null : !calledTools && (answer == null || answer.isBlank());
        return new Derived(
                ratio(usage.reasoningTokens(), usage.outputTokens()),
                ratio(usage.outputTokens(), maxOutputTokens),
                truncated,
                emptyAnswer);
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
    static Double ratio(Long part, Long whole) {
        return part == null || whole == null || whole <= 0 ? null : (double) part / whole;
    }
}
