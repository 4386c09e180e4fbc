package io.thinkwatch.indexer;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;
import org.opensearch.client.opensearch.OpenSearchClient;

import io.quarkus.scheduler.Scheduled;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;

/**
 * Deletes daily trace indices older than {@code thinkwatch.indexer.retention-days}, on the indexer role,
 * without the ISM plugin. Idempotent, so several indexer instances may run it at once.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final Roles roles;
    private final IndexerConfig config;
    private final Instance<OpenSearchClient> client;
    private final Clock clock = Clock.systemUTC();

    public RetentionJob(Roles roles, IndexerConfig config, Instance<OpenSearchClient> client) {
        this.roles = roles;
        this.config = config;
        this.client = client;
    }

    /** Every {@link IndexerConfig#retentionInterval()}; its default is declared there. */
    @Scheduled(
            every = "${thinkwatch.indexer.retention-interval}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!roles.has(Role.INDEXER)) {
            return;
        }
        try {
            deleteExpired(LocalDate.now(clock));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Retention run failed, the next run retries: %s", e.toString());
        }
    }

    /** Deletes the expired daily indices as of {@code today} (UTC) and returns their names. */
    public List<String> deleteExpired(LocalDate today) throws IOException {
        OpenSearchClient os = client.get();
        List<String> names = TraceIndices.all(os);
        List<String> expired = Retention.expired(names, today, config.retentionDays());
        for (String index : expired) {
            os.indices().delete(d -> d.index(index).ignoreUnavailable(true));
            LOG.infof("Retention: deleted index %s (older than %d days)", index, config.retentionDays());
        }
        return expired;
    }
}
