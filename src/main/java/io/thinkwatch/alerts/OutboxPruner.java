package io.thinkwatch.alerts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;

/** Deletes finished notifications (with their attempts) and stale finding counts after the retention period. */
@ApplicationScoped
public class OutboxPruner {

    private static final Logger LOG = Logger.getLogger(OutboxPruner.class);

    /** Looked up on use: an instance without a database role must not touch the (inactive) datasource at startup. */
    private final Instance<DataSource> db;

    private final AlertsConfig config;
    private final Roles roles;

    public OutboxPruner(Instance<DataSource> db, AlertsConfig config, Roles roles) {
        this.db = db;
        this.config = config;
        this.roles = roles;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() {
        if (!roles.has(Role.ALERTS)) {
            return;
        }
        int deleted = QuarkusTransaction.requiringNew()
                .call(
                        () -> delete(
                                        "delete from alert_outbox where state in ('sent', 'failed') and updated_at < now() - ? * interval '1 second'")
                                + delete("delete from alert_finding where updated_at < now() - ? * interval '1 second'")
                                + delete(
                                        "delete from alert_attempt where outbox_id is null and started_at < now() - ? * interval '1 second'"));
        if (deleted > 0) {
            LOG.infof("Pruned %d alert rows older than %s", deleted, config.retention());
        }
    }

    private int delete(String sql) throws SQLException {
        try (Connection c = db.get().getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, config.retention().toSeconds());
            return s.executeUpdate();
        }
    }
}
