package io.thinkwatch.alerts;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** The dispatcher's reads and writes on {@link Outbox} and {@link Channel}, each in a new transaction. */
final class OutboxDispatchStore implements DispatchStore {

    private final Outbox outbox;

    OutboxDispatchStore(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public List<OutboxRow> claim(String owner, int limit, Duration lease) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.claim(owner, limit, lease));
    }

    @Override
    public Optional<Channel> channel(long channelId) {
        return QuarkusTransaction.requiringNew().call(() -> Channel.<Channel>findByIdOptional(channelId));
    }

    @Override
    public int sentLastHour(long channelId) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.sentLastHour(channelId));
    }

    @Override
    public void defer(OutboxRow row, String owner, Instant due, String reason) {
        QuarkusTransaction.requiringNew().run(() -> {
            try {
                outbox.defer(row, owner, due, reason);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public boolean record(
            OutboxRow row,
            String owner,
            Instant startedAt,
            SendResult result,
            Outbox.Outcome outcome,
            Instant nextDue) {
        return QuarkusTransaction.requiringNew()
                .call(() -> outbox.record(row, owner, startedAt, result, outcome, nextDue));
    }
}
