package io.thinkwatch.rules.evaluators;

/** The state one stateful rule keeps for one group: in a Kafka Streams state store, or in memory for a backtest. */
public interface GroupState {

    /** The stored state, or null when the group has none yet. */
    <S> S get(Class<S> type);

    void put(Object state);

    /** A state for callers that keep none: reads nothing, refuses writes. */
    GroupState NONE = new GroupState() {
        @Override
        public <S> S get(Class<S> type) {
            return null;
        }

        @Override
        public void put(Object state) {
            throw new UnsupportedOperationException("this rule kind keeps no state");
        }
    };
}
