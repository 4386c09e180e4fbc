package io.thinkwatch.rules.evaluators;

import java.util.List;

/**
 * The time buckets of one group's sliding window, by start (epoch milliseconds). Kept apart from the group's
 * {@linkplain GroupState#get state} so that a call reads and writes only the buckets around it, however far back
 * the group must keep them while a partition of the traces topic is behind.
 */
public interface WindowBuckets {

    /** The buckets that start in {@code [from, to)}, oldest first. */
    List<SlidingWindow.Bucket> range(long from, long to);

    /** Stores a bucket, replacing the one with the same start. */
    void put(SlidingWindow.Bucket bucket);

    /** Removes the buckets that start before {@code before}. */
    void removeBefore(long before);
}
