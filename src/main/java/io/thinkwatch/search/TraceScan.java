package io.thinkwatch.search;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;

import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.platform.Indices;

/** Reads one tenant's stored traces of a time range in completion order, page by page, for backtests. */
@ApplicationScoped
public class TraceScan {

    static final int PAGE = 1_000;

    /** How a scan ended: how many traces it read, and whether it read all of the range. */
    public record Result(long read, boolean complete) {}

    private final OpenSearchClient client;

    public TraceScan(OpenSearchClient client) {
        this.client = client;
    }

    /**
     * Hands every trace of {@code tenant} completed in {@code [from, to)} to {@code each}, oldest first, stopping
     * after {@code limit}; {@code terms} are further exact filters (field to value), e.g. a rule's scope.
     */
    public Result scan(
            String tenant, Instant from, Instant to, Map<String, String> terms, int limit, Consumer<TraceEvent> each)
            throws IOException {
        List<FieldValue> after = null;
        long read = 0;
        while (true) {
            List<FieldValue> cursor = after;
            SearchResponse<TraceEvent> page = client.search(
                    s -> {
                        s.index(Indices.TRACES)
                                .ignoreUnavailable(true)
                                .allowNoIndices(true)
                                .size(PAGE)
                                .trackTotalHits(t -> t.enabled(false))
                                .query(query(tenant, from, to, terms))
                                .sort(o -> o.field(f -> f.field("completedAt").order(SortOrder.Asc)))
                                .sort(o -> o.field(f -> f.field("traceId").order(SortOrder.Asc)));
                        if (cursor != null) {
                            s.searchAfter(cursor);
                        }
                        return s;
                    },
                    TraceEvent.class);
            List<Hit<TraceEvent>> hits = page.hits().hits();
            for (Hit<TraceEvent> hit : hits) {
                if (read == limit) {
                    return new Result(read, false);
                }
                each.accept(hit.source());
                read++;
            }
            if (hits.size() < PAGE) {
                return new Result(read, true);
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }

    private static Query query(String tenant, Instant from, Instant to, Map<String, String> terms) {
        return Query.of(q -> q.bool(b -> {
            b.filter(f -> f.term(t -> t.field("tenant").value(FieldValue.of(tenant))));
            b.filter(f -> f.range(r ->
                    r.field("completedAt").gte(JsonData.of(from.toString())).lt(JsonData.of(to.toString()))));
            terms.forEach((field, value) ->
                    b.filter(f -> f.term(t -> t.field(field).value(FieldValue.of(value)))));
            return b;
        }));
    }
}
