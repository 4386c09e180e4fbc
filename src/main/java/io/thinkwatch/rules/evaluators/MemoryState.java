package io.thinkwatch.rules.evaluators;

import java.time.Duration;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/** A group's state held in memory, for backtests and tests. */
public final class MemoryState implements GroupState, WindowBuckets {

    private final Duration allowedLateness;
    private final NavigableMap<Long, SlidingWindow.Bucket> buckets = new TreeMap<>();
    private Object state;

    public MemoryState() {
        this(DEFAULT_LATENESS);
    }

    public MemoryState(Duration allowedLateness) {
        this.allowedLateness = allowedLateness;
    }

    @Override
    public Duration allowedLateness() {
        return allowedLateness;
    }

    @Override
    public <S> S get(Class<S> type) {
        return type.isInstance(state) ? type.cast(state) : null;
    }

    @Override
    public void put(Object value) {
        state = value;
    }

    @Override
    public WindowBuckets buckets() {
        return this;
    }

    @Override
    public List<SlidingWindow.Bucket> range(long from, long to) {
        return from < to ? List.copyOf(buckets.subMap(from, to).values()) : List.of();
    }

    @Override
    public void put(SlidingWindow.Bucket bucket) {
        buckets.put(bucket.start(), bucket);
    }

    @Override
    public void removeBefore(long before) {
        buckets.headMap(before).clear();
    }
}
