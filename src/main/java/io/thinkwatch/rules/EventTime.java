package io.thinkwatch.rules;

import java.time.Instant;

import io.thinkwatch.model.TraceEvent;

/** When a call happened, for windows and baselines: its completion, else its start, else the record's time. */
public final class EventTime {

    private EventTime() {
    }

    public static Instant of(TraceEvent trace, Instant fallback) {
        if (trace.completedAt() != null) {
            return trace.completedAt();
        }
        return trace.startedAt() != null ? trace.startedAt() : fallback;
    }
}
