package io.thinkwatch.rules.evaluators;

import java.time.Duration;

/** The state one stateful rule keeps for one group: in a Kafka Streams state store, or in memory for a backtest. */
public interface GroupState {

    /** The stored state, or null when the group has none yet. */
    <S> S get(Class<S> type);

    void put(Object state);

    /** The buckets of the group's sliding window ({@code spend_window}, {@code rate_window}). */
    WindowBuckets buckets();

    /** Default of {@link #allowedLateness()}, and of {@code thinkwatch.rules.allowed-lateness}. */
    Duration DEFAULT_LATENESS = Duration.ofHours(1);

    /**
     * How far behind the group's newest call a call may arrive and still be counted into its windows. A property
     * of where the state is kept (engine configuration), not of a rule: traces reach Kafka out of order.
     */
    default Duration allowedLateness() {
        return DEFAULT_LATENESS;
    }

    /**
     * Event time up to which every source of calls has delivered, or null when unknown (then the group's newest
     * call stands in). The engine's calls reach a group from several partitions, each in its own order and at its
     * own pace: while one partition is behind (a backlog, a replay, a slow task), a group's newest call runs ahead
     * of calls still to come from it. Windows keep their buckets back from the earlier of the two, so such calls
     * are counted; only calls late at their source, beyond {@link #allowedLateness()}, are not.
     */
    default java.time.Instant watermark() {
        return null;
    }

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

        @Override
        public WindowBuckets buckets() {
            throw new UnsupportedOperationException("this rule kind keeps no state");
        }
    };
}
