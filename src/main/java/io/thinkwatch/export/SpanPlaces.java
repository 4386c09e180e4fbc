package io.thinkwatch.export;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trace id each recently exported call's span went to, so a finding about the call is placed beside it (a call
 * made inside an application trace went to that trace). Bounded: the oldest entries are forgotten first.
 */
final class SpanPlaces {

    private final Map<String, String> traceIds;

    SpanPlaces(int capacity) {
        this.traceIds = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void remember(String thinkwatchTraceId, String otelTraceId) {
        traceIds.put(thinkwatchTraceId, otelTraceId);
    }

    /** The trace id of the call's span, or null when it was not exported here recently. */
    synchronized String traceIdOf(String thinkwatchTraceId) {
        return traceIds.get(thinkwatchTraceId);
    }
}
