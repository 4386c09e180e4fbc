package io.thinkwatch.model;

/**
 * Where a call sits in the application's own distributed trace (W3C Trace Context): the application's trace id, the
 * id of its span the call belongs to, and its trace state header. For a proxied call, the span is the one that sent
 * the request (its {@code traceparent} header); for a span received over OTLP, it is that span itself.
 *
 * @param traceId    32 lowercase hex digits, not all zero
 * @param spanId     16 lowercase hex digits, not all zero
 * @param traceState the trace state header as sent (at most {@value #MAX_TRACE_STATE} characters), or null
 */
public record TraceContext(String traceId, String spanId, String traceState) {

    /** Longer trace state values are dropped (W3C allows it): they would say nothing Thinkwatch uses. */
    public static final int MAX_TRACE_STATE = 512;

    private static final int TRACEPARENT_LENGTH = 55;

    /**
     * The context of a {@code traceparent} header and its {@code stateHeader} ({@code tracestate}) ({@code 00-<trace id>-<span id>-<flags>}), or null when there is
     * none or it is malformed. Fixed-position character checks, no regex: this runs for every proxied call.
     */
    public static TraceContext fromHeaders(String traceparent, String stateHeader) {
        if (traceparent == null || traceparent.length() < TRACEPARENT_LENGTH) {
            return null;
        }
        String tp = traceparent.strip();
        boolean versionZero = tp.startsWith("00");
        if (tp.length() < TRACEPARENT_LENGTH
                || (versionZero && tp.length() != TRACEPARENT_LENGTH)
                || (!versionZero && tp.length() > TRACEPARENT_LENGTH && tp.charAt(TRACEPARENT_LENGTH) != '-')
                || tp.charAt(2) != '-'
                || tp.charAt(35) != '-'
                || tp.charAt(52) != '-'
                || !lowerHex(tp, 0, 2)
                || tp.startsWith("ff")
                || !lowerHex(tp, 53, 55)) {
            return null;
        }
        String traceId = tp.substring(3, 35);
        String spanId = tp.substring(36, 52);
        if (!isTraceId(traceId) || !isSpanId(spanId)) {
            return null;
        }
        String state = stateHeader == null || stateHeader.isBlank() || stateHeader.length() > MAX_TRACE_STATE
                ? null
                : stateHeader.strip();
        return new TraceContext(traceId, spanId, state);
    }

    /** 32 lowercase hex digits, not all zero. */
    public static boolean isTraceId(String id) {
        return id != null && id.length() == 32 && lowerHex(id, 0, 32) && !allZero(id);
    }

    /** 16 lowercase hex digits, not all zero. */
    public static boolean isSpanId(String id) {
        return id != null && id.length() == 16 && lowerHex(id, 0, 16) && !allZero(id);
    }

    private static boolean lowerHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean allZero(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
