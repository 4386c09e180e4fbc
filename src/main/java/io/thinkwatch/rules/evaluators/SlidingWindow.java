package io.thinkwatch.rules.evaluators;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A sliding window in bounded state: counters in time buckets of {@code window / 60} (at least one second), so a
 * group costs a bounded number of entries however busy it is. Buckets are kept for the window plus the state's
 * {@linkplain GroupState#allowedLateness() allowed lateness} behind the group's newest call, or behind the
 * state's {@linkplain GroupState#watermark() watermark} when that is earlier, so a call that arrives late is still
 * counted, into every window that contains it. A call later than that is not counted. A group never keeps more
 * than {@value #MAX_BUCKETS} buckets (the oldest go first). The oldest bucket of a window may reach up to one
 * bucket further back.
 */
public final class SlidingWindow {

    static final int BUCKETS = 60;
    /** Most buckets one group keeps: with a long lateness and a short window, buckets grow instead. */
    static final int MAX_BUCKETS = 600;

    /** The stored state of one group. */
    public record State(List<Bucket> buckets) {
    }

    /** Sum of values, number of calls, and number of calls that met the rule's condition. */
    public record Bucket(long start, double sum, long count, long hits) {
    }

    /** Totals over one window. */
    public record Totals(double sum, long count, long hits) {
    }

    private SlidingWindow() {
    }

    /**
     * Adds one call to the group's state (stored back through {@code state}) and returns the totals of every
     * window that contains it: the window ending at the call's bucket and those ending at each later bucket still
     * within one window of it. Empty when the call arrived later than the allowed lateness and was not counted.
     */
    static List<Totals> add(GroupState state, Duration window, Instant at, double value, boolean hit) {
        long span = window.toMillis();
        long lateness = state.allowedLateness().toMillis();
        long size = Math.max(1_000, Math.max(span / BUCKETS, (span + lateness) / MAX_BUCKETS));
        long start = Math.floorDiv(at.toEpochMilli(), size) * size;
        State stored = state.get(State.class);
        List<Bucket> buckets = new ArrayList<>(stored == null ? List.of() : stored.buckets());
        long newest = Math.max(start, buckets.isEmpty() ? start : buckets.get(buckets.size() - 1).start());
        Instant watermark = state.watermark();
        long reference = watermark == null ? newest : Math.min(newest, watermark.toEpochMilli());
        long horizon = reference - span - lateness;
        buckets.removeIf(b -> b.start() + size <= horizon);
        int index = 0;
        while (index < buckets.size() && buckets.get(index).start() < start) {
            index++;
        }
        boolean existing = index < buckets.size() && buckets.get(index).start() == start;
        boolean counted = start + size > horizon && (existing || index > 0 || buckets.size() < MAX_BUCKETS);
        if (counted && existing) {
            Bucket b = buckets.get(index);
            buckets.set(index, new Bucket(start, b.sum() + value, b.count() + 1, b.hits() + (hit ? 1 : 0)));
        } else if (counted) {
            buckets.add(index, new Bucket(start, value, 1, hit ? 1 : 0));
            if (buckets.size() > MAX_BUCKETS) {
                buckets.remove(0);
            }
        }
        state.put(new State(List.copyOf(buckets)));
        if (!counted) {
            return List.of();
        }
        List<Totals> windows = new ArrayList<>();
        for (Bucket end : buckets) {
            if (end.start() < start || end.start() >= start + span) {
                continue;
            }
            double sum = 0;
            long count = 0;
            long hits = 0;
            for (Bucket b : buckets) {
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
