package io.thinkwatch.capture;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Traces dropped, by reason ({@code thinkwatch.traces.dropped}), and a log line about them at most once per
 * interval. Called from event-loop threads (a full queue) and the publisher thread (a full spool) at once, so
 * every count is atomic: none is lost or logged twice.
 */
final class DropCounter {

    private static final Logger LOG = Logger.getLogger(DropCounter.class);

    /** Why a trace was dropped; the tag is the meter's {@code reason}. */
    enum Reason {
        QUEUE_FULL("queue_full", "the in-memory publish queue is full"),
        SPOOL_FULL("spool_full", "the spool is full; raise thinkwatch.capture.spool.max-size");

        final String tag;
        final String advice;

        Reason(String tag, String advice) {
            this.tag = tag;
            this.advice = advice;
        }
    }

    private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);
    private final LongSupplier nanos;
    private final long intervalNanos;
    private final AtomicLong unlogged = new AtomicLong();
    private final AtomicLong nextLogAt;

    DropCounter(MeterRegistry registry, LongSupplier nanos, Duration logInterval) {
        for (Reason reason : Reason.values()) {
            counters.put(reason, registry.counter("thinkwatch.traces.dropped", "reason", reason.tag));
        }
        this.nanos = nanos;
        this.intervalNanos = logInterval.toNanos();
        this.nextLogAt = new AtomicLong(nanos.getAsLong());
    }

    /** Counts dropped traces; returns how many drops a log line reported just now (0: none was written). */
    long dropped(Reason reason, int count) {
        counters.get(reason).increment(count);
        unlogged.addAndGet(count);
        long now = nanos.getAsLong();
        long due = nextLogAt.get();
        if (now - due < 0 || !nextLogAt.compareAndSet(due, now + intervalNanos)) {
            return 0;
        }
        long reported = unlogged.getAndSet(0);
        LOG.errorf("Dropped %d trace(s) (%s): %s", reported, reason.tag, reason.advice);
        return reported;
    }

    /** Drops counted but not yet reported in a log line. */
    long unlogged() {
        return unlogged.get();
    }

    /** All traces dropped since start. */
    double total() {
        return counters.values().stream().mapToDouble(Counter::count).sum();
    }
}
