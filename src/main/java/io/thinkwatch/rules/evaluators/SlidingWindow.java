package io.thinkwatch.rules.evaluators;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A sliding window over counters in time buckets of {@code window / 60} (at least one second), kept in the
 * group's {@link WindowBuckets}; a call reads and writes only the buckets of the windows that contain it.
 * Buckets are kept for the window plus the state's {@linkplain GroupState#allowedLateness() allowed lateness}
 * behind the group's newest call, or behind the state's {@linkplain GroupState#watermark() watermark} when that is
 * earlier (but not more than {@link #LONGEST_WAIT} behind the newest call), so a call that arrives late is still
 * counted, into every window that contains it. A call later than that is not counted. The oldest bucket of a
 * window may reach up to one bucket further back.
 */
public final class SlidingWindow {

    static final int BUCKETS = 60;
    /**
     * Longest a group keeps its buckets for a partition of the traces topic that is behind: Kafka's default
     * retention, beyond which a backlog is gone anyway. Bounds the buckets of a group while a partition has stopped
     * delivering.
     */
    static final Duration LONGEST_WAIT = Duration.ofDays(7);

    /** What the group's state holds besides its buckets: their size, the newest start, and how far they are trimmed. */
    public record State(long size, long newest, long keptFrom) {}

    /** Sum of values, number of calls, and number of calls that met the rule's condition. */
    public record Bucket(long start, double sum, long count, long hits) {}

    /** Totals over one window. */
    public record Totals(double sum, long count, long hits) {}

    private SlidingWindow() {}

    /**
     * Adds one call to the group's buckets and returns the totals of every window that contains it: the window
     * ending at the call's bucket and those ending at each later bucket still within one window of it. Empty when
     * the call arrived later than the allowed lateness and was not counted.
     */
    static List<Totals> add(GroupState state, Duration window, Instant at, double value, boolean hit) {
        long span = window.toMillis();
        long size = Math.max(1_000, span / BUCKETS);
        long start = Math.floorDiv(at.toEpochMilli(), size) * size;
        WindowBuckets buckets = state.buckets();
        State stored = state.get(State.class);
        if (stored != null && stored.size() != size) {
            // The rule's window was edited: buckets of another size do not add up, start afresh.
            buckets.removeBefore(Long.MAX_VALUE);
            stored = null;
        }
        long newest = stored == null ? start : Math.max(start, stored.newest());
        long keptFrom =
                Math.max(keepFrom(state, span, size, newest), stored == null ? Long.MIN_VALUE : stored.keptFrom());
        if (stored == null || keptFrom > stored.keptFrom()) {
            buckets.removeBefore(keptFrom);
        }
        State next = new State(size, newest, keptFrom);
        if (!next.equals(stored)) {
            state.put(next);
        }
        if (start < keptFrom) {
            return List.of();
        }
        List<Bucket> near = new ArrayList<>(buckets.range(start - span - size + 1, start + span));
        int index = 0;
        while (index < near.size() && near.get(index).start() < start) {
            index++;
        }
        boolean existing = index < near.size() && near.get(index).start() == start;
        Bucket before = existing ? near.get(index) : new Bucket(start, 0, 0, 0);
        Bucket after = new Bucket(start, before.sum() + value, before.count() + 1, before.hits() + (hit ? 1 : 0));
        buckets.put(after);
        if (existing) {
            near.set(index, after);
        } else {
            near.add(index, after);
        }
        return totals(near, start, span, size);
    }

    /** The start of the oldest bucket the group keeps: one window and the lateness behind the newest call or the watermark. */
    private static long keepFrom(GroupState state, long span, long size, long newest) {
        Instant watermark = state.watermark();
        long reference = watermark == null
                ? newest
                : Math.max(Math.min(newest, watermark.toEpochMilli()), newest - LONGEST_WAIT.toMillis());
        long horizon = reference - span - state.allowedLateness().toMillis();
        return Math.floorDiv(horizon, size) * size;
    }

    private static List<Totals> totals(List<Bucket> near, long start, long span, long size) {
        List<Totals> windows = new ArrayList<>();
        for (Bucket end : near) {
            if (end.start() < start || end.start() >= start + span) {
                continue;
            }
            double sum = 0;
            long count = 0;
            long hits = 0;
            for (Bucket b : near) {
                if (b.start() <= end.start() && b.start() + size > end.start() - span) {
                    sum += b.sum();
                    count += b.count();
                    hits += b.hits();
                }
            }
            windows.add(new Totals(sum, count, hits));
        }
        return windows;
    }
}
