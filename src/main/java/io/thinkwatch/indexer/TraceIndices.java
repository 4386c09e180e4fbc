package io.thinkwatch.indexer;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.ExpandWildcard;
import org.opensearch.client.opensearch.cat.indices.IndicesRecord;

import io.thinkwatch.platform.Indices;

/** Names of the trace indices and the index template that maps them. */
public final class TraceIndices {

    /** The alias every daily trace index joins; searches go through it. */
    public static final String ALIAS = Indices.TRACES;

    static final String TEMPLATE = "thinkwatch-traces";
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    private TraceIndices() {}

    /** The daily index a trace started at {@code startedAt} belongs to. */
    static String indexFor(Instant startedAt) {
        return ALIAS + "-" + DAY.format(startedAt);
    }

    /** The names of the trace indices there are now (daily ones, and any other under the alias's prefix). */
    public static List<String> all(OpenSearchClient client) throws IOException {
        return client.cat().indices(c -> c.index(ALIAS + "-*").expandWildcards(ExpandWildcard.All)).valueBody().stream()
                .map(IndicesRecord::index)
                .toList();
    }

    /** Installs or updates the trace index template, with no replicas (one node); idempotent. */
    static void installTemplate(OpenSearchClient client) throws IOException {
        IndexedTopic.TRACES.installTemplate(client, 0);
    }
}
