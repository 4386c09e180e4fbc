package io.thinkwatch.search;

import java.io.IOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;

import io.thinkwatch.platform.Indices;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads all traces of a search, page after page with {@code search_after} on the search's sort, so an export holds
 * one page in memory, never the whole result. Traces come whole, as published (with their {@code request}); only the
 * index's own {@code requestText} is left out.
 */
@ApplicationScoped
public class TraceExport {

    /** Traces per OpenSearch request. */
    public static final int PAGE = 500;

    static final List<String> EXCLUDES = List.of("requestText");

    private final OpenSearchClient client;

    public TraceExport(OpenSearchClient client) {
        this.client = client;
    }

    /** Starts reading the traces of {@code tenant} that match {@code query}: the first page is read at once. */
    public Pages open(String tenant, TraceQuery query) throws IOException {
        Pages pages = new Pages(tenant, query.page(PAGE, null));
        pages.fetch();
        return pages;
    }

    /** An export under way: how many traces matched when it started, then its pages one after the other. */
    public final class Pages {

        private final String tenant;
        private TraceQuery query;
        private List<ObjectNode> pending = List.of();
        private long total;
        private boolean last;

        private Pages(String tenant, TraceQuery query) {
            this.tenant = tenant;
            this.query = query;
        }

        /** How many traces matched when the export started. */
        public long total() {
            return total;
        }

        /** The next page of traces; empty after the last. */
        public List<ObjectNode> next() throws IOException {
            List<ObjectNode> page = pending;
            pending = List.of();
            if (page.isEmpty() && !last) {
                fetch();
                page = pending;
                pending = List.of();
            }
            return page;
        }

        private void fetch() throws IOException {
            SearchResponse<ObjectNode> response =
                    client.search(TraceQueries.search(Indices.TRACES, tenant, query, EXCLUDES), ObjectNode.class);
            List<Hit<ObjectNode>> hits = response.hits().hits();
            List<Hit<ObjectNode>> page = hits.subList(0, Math.min(hits.size(), PAGE));
            if (query.after() == null) {
                total = response.hits().total() == null
                        ? hits.size()
                        : response.hits().total().value();
            }
            last = hits.size() <= PAGE || page.isEmpty();
            if (!last) {
                query = query.page(
                        PAGE,
                        new Cursor(query.sortName(), page.get(page.size() - 1).sort()));
            }
            pending = page.stream().map(Hit::source).toList();
        }
    }
}
