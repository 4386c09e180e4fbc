package io.thinkwatch.alerts;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.thinkwatch.model.Finding;
import io.thinkwatch.review.FindingResolved;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns finding versions into outbox rows, grouped: per channel and finding group, matches fold into the
 * pending notification; once one went out, the next opens one window later. Also queues PagerDuty resolves.
 */
@ApplicationScoped
public class FindingIntake {

    private static final Logger LOG = Logger.getLogger(FindingIntake.class);

    private final Outbox outbox;
    private final AlertsConfig config;
    private final ObjectMapper mapper;
    private final AlertMetrics metrics;

    public FindingIntake(Outbox outbox, AlertsConfig config, ObjectMapper mapper, AlertMetrics metrics) {
        this.outbox = outbox;
        this.config = config;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    /** Stores a batch of published findings (JSON) in one transaction. */
    public void accept(List<String> findings) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (String json : findings) {
                try {
                    acceptOne(json);
                } catch (SQLException e) {
                    throw new IllegalStateException("outbox write failed: " + e.getMessage(), e);
                }
            }
        });
    }

    private void acceptOne(String json) throws SQLException {
        Finding finding = parse(json);
        if (finding == null) {
            return;
        }
        String groupId = FindingGroups.id(finding.tenant(), finding.ruleId(), finding.groupKey());
        long seen = outbox.seenCount(finding.findingId());
        long added = seen < 0 ? finding.count() : finding.count() - seen;
        if (added <= 0) {
            return;
        }
        outbox.storeCount(finding, groupId);
        for (Channel channel : channels(finding)) {
            if (!finding.severity().atLeast(channel.minSeverity)) {
                continue;
            }
            Instant earliest = Instant.now().plus(config.groupDelay());
            Instant last = outbox.lastWindow(channel.id, groupId);
            boolean followUp = last != null && last.plus(config.groupWindow()).isAfter(earliest);
            Instant windowStart = followUp ? last.plus(config.groupWindow()) : earliest;
            outbox.addMatches(channel.id, finding, json, groupId, added, followUp, windowStart);
        }
    }

    private Finding parse(String json) {
        try {
            Finding finding = json == null ? null : mapper.readValue(json, Finding.class);
            if (finding == null || !finding.isComplete()) {
                metrics.findingSkipped("incomplete");
                LOG.warn("Skipped a finding without findingId, tenant, ruleId or severity");
                return null;
            }
            return finding;
        } catch (JsonProcessingException e) {
            metrics.findingSkipped("unreadable");
            LOG.warnf("Skipped a record of thinkwatch.findings that is not a Finding: %s", e.getOriginalMessage());
            return null;
        }
    }

    /** The enabled channels of the finding's tenant that it names, by name or by id. */
    private static List<Channel> channels(Finding finding) {
        if (finding.channels() == null || finding.channels().isEmpty()) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>(List.of(-1L));
        for (String ref : finding.channels()) {
            if (ref != null && ref.matches("\\d{1,18}")) {
                ids.add(Long.parseLong(ref));
            }
        }
        return Channel.list(
                "tenant = ?1 and enabled = true and (name in ?2 or id in ?3)",
                finding.tenant(),
                finding.channels(),
                ids);
    }

    /**
     * A reviewer resolved a finding: queue a resolve notification for the PagerDuty channels paged for its group. Joins
     * the caller's transaction, so the resolve is queued only if the transition commits.
     */
    @Transactional
    public void onResolved(@Observes FindingResolved resolved) {
        try {
            int queued = outbox.queueResolve(resolved.tenant(), resolved.findingId());
            LOG.debugf("Finding %s resolved: %d PagerDuty resolve(s) queued", resolved.findingId(), queued);
        } catch (SQLException e) {
            throw new IllegalStateException("could not queue the resolve of finding " + resolved.findingId(), e);
        }
    }
}
