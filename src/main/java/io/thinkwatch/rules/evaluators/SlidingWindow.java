package io.thinkwatch.rules.evaluators;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A sliding window in bounded state: counters in {@value #BUCKETS} time buckets per window, so a group costs
 * at most that many entries however busy it is. The window ends at the newest call seen; a call older than the
 * window is not counted. The oldest bucket may reach up to 1/{@value #BUCKETS} of the window further back.
 */
public final class SlidingWindow {

    static final int BUCKETS = 60;

    /** The stored state of one group. */
    public record State(List<Bucket> buckets) {
    }

    /** Sum of values, number of calls, and number of calls that met the rule's condition. */
    public record Bucket(long start, double sum, long count, long hits) {
    }

    /** Totals over the window after adding a call; {@code counted} is false when the call was too old. */
    public record Totals(double sum, long count, long hits, boolean counted) {
    }

    private SlidingWindow() {
    }

    /** Adds one call to the group's state (stored back through {@code state}) and returns the window totals. */
    static Totals add(GroupState state, Duration window, Instant at, double value, boolean hit) {
        long size = Math.max(1_000, window.toMillis() / BUCKETS);
        long start = Math.floorDiv(at.toEpochMilli(), size) * size;
        State stored = state.get(State.class);
        List<Bucket> buckets = new ArrayList<>(stored == null ? List.of() : stored.buckets());
        long newest = Math.max(start, buckets.isEmpty() ? start : buckets.get(buckets.size() - 1).start());
        long horizon = newest - window.toMillis();
        buckets.removeIf(b -> b.start() + size <= horizon);
        boolean counted = start + size > horizon;
        if (counted) {
            int index = 0;
            while (index < buckets.size() && buckets.get(index).start() < start) {
                index++;
            }
            if (index < buckets.size() && buckets.get(index).start() == start) {
                Bucket b = buckets.get(index);
                buckets.set(index, new Bucket(start, b.sum() + value, b.count() + 1, b.hits() + (hit ? 1 : 0)));
            } else {
                buckets.add(index, new Bucket(start, value, 1, hit ? 1 : 0));
            }
        }
        state.put(new State(List.copyOf(buckets)));
        double sum = 0;
        long count = 0;
        long hits = 0;
        for (Bucket b : buckets) {
            sum += b.sum();
            count += b.count();
            hits += b.hits();
        }
        return new Totals(sum, count, hits, counted);
    }
}
