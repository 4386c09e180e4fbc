package io.thinkwatch.search;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;

import io.thinkwatch.platform.Indices;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads traces from the {@code thinkwatch-traces} alias, always within one tenant. */
@ApplicationScoped
public class TraceSearch {

    private final OpenSearchClient client;

    public TraceSearch(OpenSearchClient client) {
        this.client = client;
    }

    /** The trace with this id in this tenant; empty when it does not exist or belongs to another tenant. */
    public Optional<ObjectNode> byId(String tenant, String traceId) throws IOException {
        SearchResponse<ObjectNode> response = client.search(
                s -> s.index(Indices.TRACES)
                        .ignoreUnavailable(true)
                        .allowNoIndices(true)
                        .size(1)
                        .query(q -> q.bool(b -> b.filter(f -> f.ids(i -> i.values(traceId)))
                                .filter(f -> f.term(t -> t.field("tenant").value(FieldValue.of(tenant)))))),
                ObjectNode.class);
        return response.hits().hits().stream().map(Hit::source).findFirst();
    }

    /** One page of the traces of {@code tenant} that match {@code query}. */
    public TraceResults search(String tenant, TraceQuery query) throws IOException {
        SearchResponse<ObjectNode> response =
                client.search(TraceQueries.search(Indices.TRACES, tenant, query), ObjectNode.class);
        List<Hit<ObjectNode>> hits = response.hits().hits();
        List<Hit<ObjectNode>> page = hits.subList(0, Math.min(hits.size(), query.size()));
        String next = null;
        if (hits.size() > query.size() && !page.isEmpty()) {
            next = new Cursor(query.sortName(), page.get(page.size() - 1).sort()).encode();
        }
        long total = response.hits().total() == null
                ? hits.size()
                : response.hits().total().value();
        return new TraceResults(total, page.stream().map(Hit::source).toList(), next);
    }
}
