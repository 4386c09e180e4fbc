package io.thinkwatch.alerts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.thinkwatch.model.Finding;
import io.thinkwatch.model.WireName;

/**
 * The outbox tables in PostgreSQL. Callers hold the transaction: the findings consumer writes a whole batch
 * in one, the dispatcher claims in one and records each outcome in one.
 */
@ApplicationScoped
public class Outbox {

    private static final String UPSERT = """
            insert into alert_outbox (notification_id, channel_id, tenant, group_id, action, finding_id, finding,
                matches, follow_up, state, window_start, due_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
            on conflict (channel_id, group_id, action) where state = 'pending' do update
            set matches = alert_outbox.matches + excluded.matches, finding = excluded.finding,
                finding_id = excluded.finding_id, updated_at = now()""";

    private static final String CLAIM = """
            update alert_outbox set state = 'in_flight', lease_owner = ?, lease_until = now() + ? * interval '1 millisecond',
                updated_at = now()
            where id in (select id from alert_outbox
                         where (state in ('pending', 'retry') and due_at <= now())
                            or (state = 'in_flight' and lease_until < now())
                         order by due_at limit ? for update skip locked)
            returning id, notification_id, channel_id, tenant, group_id, action, finding, matches, follow_up,
                attempts, created_at""";

    /** Looked up on use: an instance without a database role must not touch the (inactive) datasource at startup. */
    private final Instance<DataSource> db;

    public Outbox(Instance<DataSource> db) {
        this.db = db;
    }

    /** Highest count stored for a finding id, or -1 when it is new; locks the row for this transaction. */
    long seenCount(String findingId) throws SQLException {
        try (Connection c = db.get().getConnection();
                PreparedStatement s =
                        c.prepareStatement("select max_count from alert_finding where finding_id = ? for update")) {
            s.setString(1, findingId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : -1;
            }
        }
    }

    void storeCount(Finding finding, String groupId) throws SQLException {
        try (Connection c = db.get().getConnection();
                PreparedStatement s = c.prepareStatement("""
                insert into alert_finding (finding_id, tenant, group_id, max_count) values (?, ?, ?, ?)
                on conflict (finding_id) do update set max_count = greatest(alert_finding.max_count, excluded.max_count),
                    updated_at = now()""")) {
            s.setString(1, finding.findingId());
            s.setString(2, finding.tenant());
            s.setString(3, groupId);
            s.setLong(4, finding.count());
            s.executeUpdate();
        }
    }

    /** Start of the latest notification window of this channel and group that no longer takes matches. */
    Instant lastWindow(long channelId, String groupId) throws SQLException {
        try (Connection c = db.get().getConnection();
                PreparedStatement s = c.prepareStatement("""
                select max(window_start) from alert_outbox
                where channel_id = ? and group_id = ? and action = 'trigger' and state <> 'pending'""")) {
            s.setLong(1, channelId);
            s.setString(2, groupId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                Timestamp t = r.getTimestamp(1);
                return t == null ? null : t.toInstant();
            }
        }
    }

    /** Adds matches to the channel's pending notification of this group, or opens one due at {@code windowStart}. */
    void addMatches(
            long channelId,
            Finding finding,
            String findingJson,
            String groupId,
            long matches,
            boolean followUp,
            Instant windowStart)
            throws SQLException {
        try (Connection c = db.get().getConnection();
                PreparedStatement s = c.prepareStatement(UPSERT)) {
            s.setObject(1, UUID.randomUUID());
            s.setLong(2, channelId);
            s.setString(3, finding.tenant());
            s.setString(4, groupId);
            s.setString(5, AlertAction.TRIGGER.wire());
            s.setString(6, finding.findingId());
            s.setString(7, findingJson);
            s.setLong(8, matches);
            s.setBoolean(9, followUp);
            s.setTimestamp(10, Timestamp.from(windowStart));
            s.setTimestamp(11, Timestamp.from(windowStart));
            s.executeUpdate();
        }
    }

    /** Queues a resolve for every PagerDuty channel that was sent a trigger of this finding's group. */
    int queueResolve(String tenant, String findingId) throws SQLException {
        try (Connection c = db.get().getConnection();
                PreparedStatement s = c.prepareStatement("""
                insert into alert_outbox (notification_id, channel_id, tenant, group_id, action, finding_id, finding,
                    matches, follow_up, state, window_start, due_at)
                select distinct on (o.channel_id) gen_random_uuid(), o.channel_id, o.tenant, o.group_id, 'resolve',
                    o.finding_id, o.finding, 0, false, 'pending', now(), now()
                from alert_outbox o
                join alert_channel ch on ch.id = o.channel_id and ch.kind = 'pagerduty'
                join alert_finding f on f.group_id = o.group_id and f.tenant = o.tenant
                where f.finding_id = ? and f.tenant = ? and o.action = 'trigger' and o.state <> 'pending'
                order by o.channel_id, o.id desc
                on conflict (channel_id, group_id, action) where state = 'pending' do nothing""")) {
            s.setString(1, findingId);
            s.setString(2, tenant);
            return s.executeUpdate();
        }
    }

    /** Claims due rows (and rows whose lease ran out) for this dispatcher; other instances skip them. */
    List<OutboxRow> claim(String owner, int limit, Duration lease) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>();
        try (Connection c = db.get().getConnection();
                PreparedStatement s = c.prepareStatement(CLAIM)) {
            s.setString(1, owner);
            s.setLong(2, lease.toMillis());
            s.setInt(3, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new OutboxRow(
                            r.getLong("id"),
                            r.getString("notification_id"),
                            r.getLong("channel_id"),
                            r.getString("tenant"),
                            r.getString("group_id"),
                            AlertAction.fromWire(r.getString("action")),
                            r.getString("finding"),
                            r.getLong("matches"),
                            r.getBoolean("follow_up"),
                            r.getInt("attempts"),
                            r.getTimestamp("created_at").toInstant()));
                }
            }
        }
        return rows;
    }

    /** Notifications of the channel whose first attempt was in the last hour (the rate limit's count). */
    int sentLastHour(long channelId) throws SQLException {
        try (Connection c = db.get().getConnection();
                PreparedStatement s = c.prepareStatement("""
                select count(*) from alert_attempt
                where channel_id = ? and outbox_id is not null and attempt = 1 and started_at > now() - interval '1 hour'""")) {
            s.setLong(1, channelId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /**
     * Records an attempt's outcome and moves the row on: {@code sent}, {@code retry} (due at {@code nextDue}) or
     * {@code failed}. Only the lease holder moves the row; returns false when the lease was lost.
     */
    boolean record(OutboxRow row, String owner, Instant startedAt, SendResult result, Outcome outcome, Instant nextDue)
            throws SQLException {
        int attempt = row.attempts() + 1;
        insertAttempt(row.id(), row.channelId(), attempt, startedAt, result, outcome.wire());
        try (Connection c = db.get().getConnection();
                PreparedStatement s = c.prepareStatement("""
                update alert_outbox set state = ?, attempts = ?, due_at = coalesce(?, due_at), last_error = ?,
                    sent_at = case when ? then now() else sent_at end, lease_owner = null, lease_until = null,
                    updated_at = now()
                where id = ? and lease_owner = ? and state = 'in_flight'""")) {
            s.setString(1, outcome.state());
            s.setInt(2, attempt);
            s.setTimestamp(3, nextDue == null ? null : Timestamp.from(nextDue));
            s.setString(4, result.error());
            s.setBoolean(5, result.delivered());
            s.setLong(6, row.id());
            s.setString(7, owner);
            return s.executeUpdate() == 1;
        }
    }

    /** Puts a claimed row back without an attempt (rate limit, disabled channel): content stays as claimed. */
    void defer(OutboxRow row, String owner, Instant due, String reason) throws SQLException {
        try (Connection c = db.get().getConnection();
                PreparedStatement s = c.prepareStatement("""
                update alert_outbox set state = 'retry', due_at = ?, last_error = ?, lease_owner = null,
                    lease_until = null, updated_at = now()
                where id = ? and lease_owner = ?""")) {
            s.setTimestamp(1, Timestamp.from(due));
            s.setString(2, reason);
            s.setLong(3, row.id());
            s.setString(4, owner);
            s.executeUpdate();
        }
    }

    void insertAttempt(Long outboxId, long channelId, int attempt, Instant startedAt, SendResult result, String outcome)
            throws SQLException {
        try (Connection c = db.get().getConnection();
                PreparedStatement s = c.prepareStatement("""
                insert into alert_attempt (outbox_id, channel_id, attempt, started_at, status_code, latency_ms, outcome, error)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            if (outboxId == null) {
                s.setNull(1, Types.BIGINT);
            } else {
                s.setLong(1, outboxId);
            }
            s.setLong(2, channelId);
            s.setInt(3, attempt);
            s.setTimestamp(4, Timestamp.from(startedAt));
            if (result.status() == null) {
                s.setNull(5, Types.INTEGER);
            } else {
                s.setInt(5, result.status());
            }
            s.setLong(6, result.latencyMs());
            s.setString(7, outcome);
            s.setString(8, result.error());
            s.executeUpdate();
        }
    }

    /** What became of an attempt, and the state it leaves the row in. */
    enum Outcome implements WireName {
        DELIVERED("sent"),
        RETRY("retry"),
        GAVE_UP("failed");

        private final String state;

        Outcome(String state) {
            this.state = state;
        }

        String state() {
            return state;
        }

        @Override
        public String wire() {
            return WireName.super.wire();
        }
    }
}
