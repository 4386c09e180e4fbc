package io.thinkwatch.model;

import java.time.Duration;
import java.time.Instant;

/** When a call happened, for windows and baselines: its completion, else its start, else the record's time. */
public final class EventTime {

    /**
     * How far a call's own times may run ahead of the clock of capture (ingest refuses more; the engine caps it):
     * window rules trim their buckets behind a group's newest call, so one trace from a sender whose clock is years
     * ahead would otherwise keep its group's later calls out of every window for years.
     */
    public static final Duration MAX_AHEAD = Duration.ofMinutes(5);

    private EventTime() {}

    public static Instant of(TraceEvent trace, Instant fallback) {
        if (trace.completedAt() != null) {
            return trace.completedAt();
        }
        return trace.startedAt() != null ? trace.startedAt() : fallback;
    }

    /** {@link #of}, but never more than {@link #MAX_AHEAD} after {@code published}, when capture published it. */
    public static Instant published(TraceEvent trace, Instant published) {
        Instant at = of(trace, published);
        Instant latest = published.plus(MAX_AHEAD);
        return at.isAfter(latest) ? latest : at;
    }
}
