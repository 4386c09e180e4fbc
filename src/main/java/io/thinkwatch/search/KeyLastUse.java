package io.thinkwatch.search;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.aggregations.StringTermsBucket;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.SearchResponse;

import io.thinkwatch.platform.Indices;

/** When each capture key of a tenant was last used: the newest stored trace that carries its id. */
@ApplicationScoped
public class KeyLastUse {

    /** Most keys one answer covers; a tenant with more sees the most recently used ones. */
    static final int MAX_KEYS = 1000;

    private final OpenSearchClient client;

    public KeyLastUse(OpenSearchClient client) {
        this.client = client;
    }

    /** Key id to the start of its newest trace, for the keys of {@code tenant} that have traces. */
    public Map<String, Instant> of(String tenant) throws IOException {
        SearchResponse<Void> response = client.search(
                SearchRequest.of(s -> s.index(Indices.TRACES)
                        .ignoreUnavailable(true)
                        .allowNoIndices(true)
                        .size(0)
                        .query(q -> q.bool(b -> b.filter(
                                        f -> f.term(t -> t.field("tenant").value(FieldValue.of(tenant))))
                                .filter(f -> f.exists(e -> e.field("captureKeyId")))))
                        .aggregations(
                                "keys",
                                a -> a.terms(t -> t.field("captureKeyId")
                                                .size(MAX_KEYS)
                                                .order(java.util.List.of(Map.of(
                                                        "last",
                                                        org.opensearch.client.opensearch._types.SortOrder.Desc))))
                                        .aggregations("last", m -> m.max(x -> x.field("startedAt"))))),
                Void.class);
        Map<String, Instant> last = new HashMap<>();
        if (!response.aggregations().containsKey("keys")) {
            return last; // no trace index yet
        }
        for (StringTermsBucket bucket :
                response.aggregations().get("keys").sterms().buckets().array()) {
            double millis = bucket.aggregations().get("last").max().value();
            if (Double.isFinite(millis)) {
                last.put(bucket.key(), Instant.ofEpochMilli((long) millis));
            }
        }
        return last;
    }
}
