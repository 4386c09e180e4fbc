package io.thinkwatch.rules.evaluators;

/** A group's state held in memory, for backtests and tests. */
public final class MemoryState implements GroupState {

    private Object state;

    @Override
    public <S> S get(Class<S> type) {
        return type.isInstance(state) ? type.cast(state) : null;
    }

    @Override
    public void put(Object value) {
        state = value;
    }
}
