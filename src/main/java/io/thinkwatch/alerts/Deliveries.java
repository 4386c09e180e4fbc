package io.thinkwatch.alerts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/** Reads the delivery log of one channel (the caller checked the tenant by finding the channel). */
@ApplicationScoped
public class Deliveries {

    /** Looked up on use: an instance without a database role must not touch the (inactive) datasource at startup. */
    private final Instance<DataSource> db;

    public Deliveries(Instance<DataSource> db) {
        this.db = db;
    }

    public DeliveryView.Page of(long channelId, String state, int limit) throws SQLException {
        Map<Long, DeliveryView> rows = new LinkedHashMap<>();
        Map<Long, List<DeliveryView.Attempt>> attempts = new HashMap<>();
        try (Connection c = db.get().getConnection()) {
            try (PreparedStatement s = c.prepareStatement("""
                    select * from alert_outbox where channel_id = ? and (cast(? as varchar) is null or state = ?)
                    order by id desc limit ?""")) {
                s.setLong(1, channelId);
                s.setString(2, state);
                s.setString(3, state);
                s.setInt(4, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        long id = r.getLong("id");
                        List<DeliveryView.Attempt> log = new ArrayList<>();
                        attempts.put(id, log);
                        rows.put(
                                id,
                                new DeliveryView(
                                        r.getString("notification_id"),
                                        r.getString("action"),
                                        r.getString("state"),
                                        r.getString("group_id"),
                                        r.getString("finding_id"),
                                        r.getLong("matches"),
                                        r.getBoolean("follow_up"),
                                        r.getInt("attempts"),
                                        instant(r, "due_at"),
                                        instant(r, "created_at"),
                                        instant(r, "sent_at"),
                                        r.getString("last_error"),
                                        log));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    select * from alert_attempt where outbox_id = any(?) order by id""")) {
                s.setArray(1, c.createArrayOf("bigint", rows.keySet().toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        attempts.get(r.getLong("outbox_id")).add(attempt(r));
                    }
                }
            }
            List<DeliveryView.Attempt> tests = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    select * from alert_attempt where channel_id = ? and outbox_id is null order by id desc limit 10""")) {
                s.setLong(1, channelId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        tests.add(attempt(r));
                    }
                }
            }
            return new DeliveryView.Page(List.copyOf(rows.values()), tests);
        }
    }

    private static DeliveryView.Attempt attempt(ResultSet r) throws SQLException {
        return new DeliveryView.Attempt(
                r.getInt("attempt"),
                instant(r, "started_at"),
                (Integer) r.getObject("status_code"),
                r.getLong("latency_ms"),
                r.getString("outcome"),
                r.getString("error"));
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
