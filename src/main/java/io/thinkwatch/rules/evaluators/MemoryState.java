package io.thinkwatch.rules.evaluators;

import java.time.Duration;

/** A group's state held in memory, for backtests and tests. */
public final class MemoryState implements GroupState {

    private final Duration allowedLateness;
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
}
