package io.thinkwatch.search;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;

import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.aggregations.Aggregate;
import org.opensearch.client.opensearch._types.aggregations.FilterAggregate;
import org.opensearch.client.opensearch._types.aggregations.Percentiles;
import org.opensearch.client.opensearch.core.SearchResponse;

import io.thinkwatch.platform.Indices;

/** Statistics over the traces of one tenant, computed by OpenSearch aggregations. */
@ApplicationScoped
public class TraceStats {

    private final OpenSearchClient client;

    public TraceStats(OpenSearchClient client) {
        this.client = client;
    }

    public StatsReport stats(String tenant, StatsQuery query) throws IOException {
        SearchResponse<Void> response = client.search(StatsQueries.search(Indices.TRACES, tenant, query), Void.class);
        long count =
                response.hits().total() == null ? 0 : response.hits().total().value();
        Map<String, Aggregate> aggs = response.aggregations() == null ? Map.of() : response.aggregations();
        List<StatsReport.Group> groups = List.of();
        if (aggs.get(StatsQueries.GROUPS) != null) {
            groups = aggs.get(StatsQueries.GROUPS).sterms().buckets().array().stream()
                    .map(b -> new StatsReport.Group(
                            b.key(),
                            metrics(b.docCount(), b.aggregations()),
                            series(b.aggregations()),
                            provider(b.aggregations())))
                    .toList();
        }
        return new StatsReport(
                query.filter().from(),
                query.filter().to(),
                query.interval(),
                query.groupBy() == null ? null : query.groupBy().field(),
                metrics(count, aggs),
                series(aggs),
                groups);
    }

    private static List<StatsReport.Point> series(Map<String, Aggregate> aggs) {
        Aggregate series = aggs.get(StatsQueries.SERIES);
        if (series == null) {
            return List.of();
        }
        return series.dateHistogram().buckets().array().stream()
                .map(b -> new StatsReport.Point(Instant.ofEpochMilli(b.key()), metrics(b.docCount(), b.aggregations())))
                .toList();
    }

    static StatsReport.Metrics metrics(long count, Map<String, Aggregate> aggs) {
        if (count == 0 || aggs.isEmpty()) {
            return new StatsReport.Metrics(
                    count,
                    new StatsReport.ReasoningTokens(0, null, null),
                    0,
                    null,
                    null,
                    StatsReport.Transparency.NONE);
        }
        Percentiles percentiles = aggs.get(StatsQueries.REASONING_PERCENTILES)
                .tdigestPercentiles()
                .values();
        return new StatsReport.Metrics(
                count,
                new StatsReport.ReasoningTokens(
                        Math.round(
                                value(aggs.get(StatsQueries.REASONING_SUM).sum().value())),
                        percentile(percentiles, "50.0"),
                        percentile(percentiles, "95.0")),
                value(aggs.get(StatsQueries.COST_SUM).sum().value()),
                (double) aggs.get(StatsQueries.TRUNCATED).filter().docCount() / count,
                (double) aggs.get(StatsQueries.EMPTY).filter().docCount() / count,
                transparency(aggs));
    }

    static StatsReport.Transparency transparency(Map<String, Aggregate> aggs) {
        FilterAggregate reasoned = aggs.get(StatsQueries.REASONED).filter();
        FilterAggregate billed = aggs.get(StatsQueries.BILLED).filter();
        long calls = reasoned.docCount();
        long visible =
                reasoned.aggregations().get(StatsQueries.VISIBLE).filter().docCount();
        long chars = Math.round(
                value(billed.aggregations().get(StatsQueries.CHARS_SUM).sum().value()));
        long tokens = Math.round(
                value(billed.aggregations().get(StatsQueries.TOKENS_SUM).sum().value()));
        return new StatsReport.Transparency(
                calls,
                visible,
                calls == 0 ? null : (double) visible / calls,
                chars,
                tokens,
                tokens == 0 ? null : (double) chars / tokens);
    }

    /** The provider of a model's group (its most frequent), or null for other groupings. */
    private static String provider(Map<String, Aggregate> aggs) {
        Aggregate provider = aggs.get(StatsQueries.PROVIDER);
        if (provider == null) {
            return null;
        }
        return provider.sterms().buckets().array().stream()
                .map(b -> b.key())
                .findFirst()
                .orElse(null);
    }

    private static double value(Double v) {
        return v == null || v.isNaN() ? 0 : v;
    }

    private static Double percentile(Percentiles percentiles, String key) {
        if (percentiles.isKeyed()) {
            JsonData data = percentiles.keyed().get(key);
            JsonValue json = data == null ? null : data.toJson();
            return json instanceof JsonNumber n ? n.doubleValue() : null;
        }
        return percentiles.array().stream()
                .filter(item -> Double.parseDouble(item.key()) == Double.parseDouble(key) && item.value() != null)
                .map(item -> item.value())
                .findFirst()
                .orElse(null);
    }
}
