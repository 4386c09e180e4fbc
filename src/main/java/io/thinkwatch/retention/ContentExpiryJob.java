package io.thinkwatch.retention;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.mapping.Property;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.search.Hit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.thinkwatch.indexer.IndexerConfig;
import io.thinkwatch.indexer.Retention;
import io.thinkwatch.indexer.TraceIndices;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Removes the captured text of traces older than {@code thinkwatch.indexer.content-retention-days} that no legal hold
 * keeps, so that a trace keeps its counts, timings, cost and attribution and loses its prompt, answer and reasoning
 * (decision 0026). Runs on the console role, which holds the legal holds. Each trace is written again from its stored
 * source without the text, only if nothing wrote it meanwhile; a trace written again later (a replay) loses its text
 * at the next run. Idempotent, so several console instances may run it at once.
 */
@ApplicationScoped
public class ContentExpiryJob {

    private static final Logger LOG = Logger.getLogger(ContentExpiryJob.class);
    static final int PAGE = 500;

    private final Roles roles;
    private final IndexerConfig config;
    private final Instance<OpenSearchClient> client;
    private final Clock clock = Clock.systemUTC();

    public ContentExpiryJob(Roles roles, IndexerConfig config, Instance<OpenSearchClient> client) {
        this.roles = roles;
        this.config = config;
        this.client = client;
    }

    /** Every {@code thinkwatch.indexer.retention-interval}, when a content retention is set. */
    @Scheduled(
            every = "${thinkwatch.indexer.retention-interval}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!roles.has(Role.CONSOLE) || config.contentRetentionDays().isEmpty()) {
            return;
        }
        try {
            expire(LocalDate.now(clock), config.contentRetentionDays().getAsInt());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Content retention run failed, the next run retries: %s", e.toString());
        }
    }

    /**
     * Removes the text of the traces of every daily index older than {@code days} days as of {@code today} (UTC), but
     * those that a hold keeps; returns how many traces lost their text.
     */
    public long expire(LocalDate today, int days) throws IOException {
        OpenSearchClient os = client.get();
        List<String> names = TraceIndices.all(os);
        List<String> due = Retention.expired(names, today, days);
        if (due.isEmpty()) {
            return 0;
        }
        ContentExpiry.Held held =
                QuarkusTransaction.requiringNew().call(() -> ContentExpiry.Held.of(LegalHold.active()));
        Instant at = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
        long expired = 0;
        for (String index : due) {
            // Indices made before the field existed learn its mapping (adding a field is allowed on a live index).
            os.indices()
                    .putMapping(m ->
                            m.index(index).properties(ContentExpiry.EXPIRED_AT, Property.of(p -> p.date(d -> d))));
            long n = expireIndex(os, index, held, at);
            if (n > 0) {
                LOG.infof("Content retention: text of %d traces of %s removed (older than %d days)", n, index, days);
            }
            expired += n;
        }
        return expired;
    }

    private long expireIndex(OpenSearchClient os, String index, ContentExpiry.Held held, Instant at)
            throws IOException {
        List<FieldValue> after = null;
        long expired = 0;
        while (true) {
            List<FieldValue> cursor = after;
            SearchResponse<ObjectNode> page = os.search(
                    s -> {
                        s.index(index)
                                .size(PAGE)
                                .seqNoPrimaryTerm(true)
                                .trackTotalHits(t -> t.enabled(false))
                                .query(q ->
                                        q.bool(b -> b.mustNot(n -> n.exists(e -> e.field(ContentExpiry.EXPIRED_AT)))))
                                .sort(o -> o.field(f -> f.field("traceId").order(SortOrder.Asc)));
                        if (cursor != null) {
                            s.searchAfter(cursor);
                        }
                        return s;
                    },
                    ObjectNode.class);
            List<Hit<ObjectNode>> hits = page.hits().hits();
            List<BulkOperation> writes = hits.stream()
                    .filter(hit -> !held.keeps(hit.source()))
                    .map(hit -> BulkOperation.of(o -> o.index(i -> i.index(index)
                            .id(hit.id())
                            .ifSeqNo(hit.seqNo())
                            .ifPrimaryTerm(hit.primaryTerm())
                            .document(ContentExpiry.withoutText(hit.source(), at)))))
                    .toList();
            if (!writes.isEmpty()) {
                BulkResponse response = os.bulk(b -> b.operations(writes).refresh(Refresh.False));
                // A trace written meanwhile (409) keeps its text until the next run; others count.
                expired += response.items().stream()
                        .filter(item -> item.error() == null)
                        .count();
                response.items().stream()
                        .filter(item -> item.error() != null && item.status() != 409)
                        .findFirst()
                        .ifPresent(item -> LOG.warnf(
                                "Content retention: trace %s of %s not written (%s); the next run retries",
                                item.id(), index, item.error().type()));
            }
            if (hits.size() < PAGE) {
                return expired;
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }
}
