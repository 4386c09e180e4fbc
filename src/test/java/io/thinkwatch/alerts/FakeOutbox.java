package io.thinkwatch.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox's state machine in memory, on a test's clock: claims take due rows and rows whose lease ran out,
 * only the lease holder moves a row on, and every recorded attempt is logged (as {@link Outbox} does in SQL).
 */
final class FakeOutbox implements DispatchStore {

    /** A row as the delivery log shows it. */
    static final class Row {
        final OutboxRow claimed;
        String state = "pending";
        Instant due;
        int attempts;
        String owner;
        Instant leaseUntil;
        String lastError;

        Row(OutboxRow claimed, Instant due) {
            this.claimed = claimed;
            this.due = due;
            this.attempts = claimed.attempts();
        }
    }

    /** One entry of the attempt log. */
    record Attempt(long outboxId, int attempt, String outcome, String error) {}

    private final Clock clock;
    private final Map<Long, Row> rows = new LinkedHashMap<>();
    private final Map<Long, Channel> channels = new LinkedHashMap<>();
    final List<Attempt> attempts = new ArrayList<>();

    FakeOutbox(Clock clock) {
        this.clock = clock;
    }

    Row add(OutboxRow row) {
        Row stored = new Row(row, clock.instant());
        rows.put(row.id(), stored);
        return stored;
    }

    void add(Channel channel) {
        channels.put(channel.id, channel);
    }

    Row row(long id) {
        return rows.get(id);
    }

    @Override
    public synchronized List<OutboxRow> claim(String owner, int limit, Duration lease) {
        Instant now = clock.instant();
        List<OutboxRow> claimed = new ArrayList<>();
        for (Row row : rows.values()) {
            boolean due = (row.state.equals("pending") || row.state.equals("retry")) && !row.due.isAfter(now);
            boolean expired = row.state.equals("in_flight") && row.leaseUntil.isBefore(now);
            if ((due || expired) && claimed.size() < limit) {
                row.state = "in_flight";
                row.owner = owner;
                row.leaseUntil = now.plus(lease);
                OutboxRow r = row.claimed;
                claimed.add(new OutboxRow(
                        r.id(),
                        r.notificationId(),
                        r.channelId(),
                        r.tenant(),
                        r.groupId(),
                        r.action(),
                        r.findingJson(),
                        r.matches(),
                        r.followUp(),
                        row.attempts,
                        r.createdAt()));
            }
        }
        return claimed;
    }

    @Override
    public Optional<Channel> channel(long channelId) {
        return Optional.ofNullable(channels.get(channelId));
    }

    @Override
    public synchronized int sentLastHour(long channelId) {
        return (int) attempts.stream()
                .filter(a -> a.attempt() == 1 && rows.get(a.outboxId()).claimed.channelId() == channelId)
                .count();
    }

    @Override
    public synchronized void defer(OutboxRow claimed, String owner, Instant due, String reason) {
        Row row = rows.get(claimed.id());
        if (owner.equals(row.owner)) {
            row.state = "retry";
            row.due = due;
            row.lastError = reason;
            row.owner = null;
            row.leaseUntil = null;
        }
    }

    @Override
    public synchronized boolean record(
            OutboxRow claimed,
            String owner,
            Instant startedAt,
            SendResult result,
            Outbox.Outcome outcome,
            Instant nextDue) {
        attempts.add(new Attempt(claimed.id(), claimed.attempts() + 1, outcome.wire(), result.error()));
        Row row = rows.get(claimed.id());
        if (!owner.equals(row.owner) || !row.state.equals("in_flight")) {
            return false;
        }
        row.state = outcome.state();
        row.attempts = claimed.attempts() + 1;
        row.due = nextDue == null ? row.due : nextDue;
        row.lastError = result.error();
        row.owner = null;
        row.leaseUntil = null;
        return true;
    }
}
