package io.thinkwatch.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the {@link Dispatcher} reads and writes in PostgreSQL; each call is a transaction of its own. */
interface DispatchStore {

    /** Claims due rows, and rows whose lease ran out, for {@code owner} ({@link Outbox#claim}). */
    List<OutboxRow> claim(String owner, int limit, Duration lease);

    /** The channel of a row; empty when it was deleted. */
    Optional<Channel> channel(long channelId);

    /** Notifications of the channel whose first attempt was in the last hour. */
    int sentLastHour(long channelId);

    /** Puts a claimed row back without an attempt, due at {@code due}. */
    void defer(OutboxRow row, String owner, Instant due, String reason);

    /** Records an attempt and moves the row on; false when the lease was lost ({@link Outbox#record}). */
    boolean record(
            OutboxRow row, String owner, Instant startedAt, SendResult result, Outbox.Outcome outcome, Instant nextDue);
}
