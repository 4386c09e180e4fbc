package io.thinkwatch.search;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.aggregations.Aggregate;
import org.opensearch.client.opensearch._types.aggregations.Aggregation;
import org.opensearch.client.opensearch._types.aggregations.DateHistogramBucket;
import org.opensearch.client.opensearch._types.aggregations.StringTermsBucket;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;

import io.thinkwatch.platform.Indices;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The numbers of the console's overview page: small aggregations over {@code thinkwatch-traces}, each within
 * one tenant and a time window on {@code startedAt}. (The stats API may take these over later.)
 */
@ApplicationScoped
public class OverviewQueries {

    static final String NO_APP = "(no app)";
    private static final String REASONING = "usage.reasoningTokens";
    private static final List<String> RECENT_FIELDS = List.of(
            "traceId",
            "startedAt",
            "app",
            "model",
            "status",
            "usage.reasoningTokens",
            "costUsd",
            "truncated",
            "emptyAnswer",
            "latencyMs");

    private final OpenSearchClient client;

    public OverviewQueries(OpenSearchClient client) {
        this.client = client;
    }

    /** Totals of one window; {@code costUsd} is null when no call in it had a price. */
    public record Totals(long calls, long reasoningTokens, Double costUsd, long truncated, long emptyAnswers) {

        /** Share of calls the output budget cut off; null without calls. */
        public Double truncationRate() {
            return calls == 0 ? null : (double) truncated / calls;
        }

        /** Share of calls with an empty visible answer; null without calls. */
        public Double emptyAnswerRate() {
            return calls == 0 ? null : (double) emptyAnswers / calls;
        }
    }

    /** Reasoning tokens of one model per time bucket, aligned with {@link Timeline#buckets()}. */
    public record ModelSeries(String model, long reasoningTokens, List<Long> perBucket) {}

    /** Start of each bucket, and the series of the models that spent the most reasoning tokens. */
    public record Timeline(List<Instant> buckets, List<ModelSeries> models) {}

    /** Reasoning spend of one application; {@code costUsd} is null when none of its calls had a price. */
    public record AppSpend(String app, long calls, long reasoningTokens, Double costUsd) {}

    public Totals totals(String tenant, Instant from, Instant to) throws IOException {
        SearchResponse<Void> response = client.search(
                SearchRequest.of(s -> traces(s)
                        .size(0)
                        .trackTotalHits(t -> t.enabled(true))
                        .query(window(tenant, from, to))
                        .aggregations("reasoning", sum(REASONING))
                        .aggregations("cost", sum("costUsd"))
                        .aggregations("priced", priced())
                        .aggregations("truncated", isTrue("truncated"))
                        .aggregations("empty", isTrue("emptyAnswer"))),
                Void.class);
        Map<String, Aggregate> aggs = response.aggregations();
        long calls =
                response.hits().total() == null ? 0 : response.hits().total().value();
        return new Totals(
                calls,
                Math.round(sumOf(aggs, "reasoning")),
                costOf(aggs),
                countOf(aggs, "truncated"),
                countOf(aggs, "empty"));
    }

    /** Reasoning tokens per model over time, for the {@code models} models that spent the most. */
    public Timeline reasoningByModel(String tenant, Instant from, Instant to, Duration bucket, int models)
            throws IOException {
        long step = bucket.toMillis();
        long first = Math.floorDiv(from.toEpochMilli(), step) * step;
        List<Instant> buckets = new ArrayList<>();
        for (long t = first; t < to.toEpochMilli(); t += step) {
            buckets.add(Instant.ofEpochMilli(t));
        }
        SearchResponse<Void> response = client.search(
                SearchRequest.of(s -> traces(s)
                        .size(0)
                        .query(window(tenant, from, to))
                        .aggregations(
                                "models",
                                a -> a.terms(t -> t.field("model")
                                                .size(models)
                                                .order(List.of(Map.of("reasoning", SortOrder.Desc))))
                                        .aggregations("reasoning", sum(REASONING))
                                        .aggregations(
                                                "time",
                                                h -> h.dateHistogram(d -> d.field("startedAt")
                                                                .fixedInterval(i -> i.time(step + "ms"))
                                                                .minDocCount(0))
                                                        .aggregations("reasoning", sum(REASONING))))),
                Void.class);
        List<ModelSeries> series = new ArrayList<>();
        if (!response.aggregations().containsKey("models")) {
            return new Timeline(buckets, series); // no trace index yet
        }
        for (StringTermsBucket model :
                response.aggregations().get("models").sterms().buckets().array()) {
            Map<Long, Long> byTime = new HashMap<>();
            for (DateHistogramBucket b :
                    model.aggregations().get("time").dateHistogram().buckets().array()) {
                byTime.put(b.key(), Math.round(sumOf(b.aggregations(), "reasoning")));
            }
            series.add(new ModelSeries(
                    model.key(),
                    Math.round(sumOf(model.aggregations(), "reasoning")),
                    buckets.stream()
                            .map(t -> byTime.getOrDefault(t.toEpochMilli(), 0L))
                            .toList()));
        }
        return new Timeline(buckets, series);
    }

    /** The applications that spent the most reasoning tokens. */
    public List<AppSpend> topApps(String tenant, Instant from, Instant to, int size) throws IOException {
        SearchResponse<Void> response = client.search(
                SearchRequest.of(s -> traces(s)
                        .size(0)
                        .query(window(tenant, from, to))
                        .aggregations(
                                "apps",
                                a -> a.terms(t -> t.field("app")
                                                .size(size)
                                                .missing(FieldValue.of(NO_APP))
                                                .order(List.of(Map.of("reasoning", SortOrder.Desc))))
                                        .aggregations("reasoning", sum(REASONING))
                                        .aggregations("cost", sum("costUsd"))
                                        .aggregations("priced", priced()))),
                Void.class);
        if (!response.aggregations().containsKey("apps")) {
            return List.of(); // no trace index yet
        }
        return response.aggregations().get("apps").sterms().buckets().array().stream()
                .map(b -> new AppSpend(
                        b.key(),
                        b.docCount(),
                        Math.round(sumOf(b.aggregations(), "reasoning")),
                        costOf(b.aggregations())))
                .toList();
    }

    /** The latest traces, metadata only. */
    public List<ObjectNode> recent(String tenant, int size) throws IOException {
        SearchResponse<ObjectNode> response = client.search(
                SearchRequest.of(s -> traces(s)
                        .size(size)
                        .query(q -> q.bool(b -> b.filter(tenantIs(tenant))))
                        .sort(o -> o.field(f -> f.field("startedAt").order(SortOrder.Desc)))
                        .source(c -> c.filter(f -> f.includes(RECENT_FIELDS)))),
                ObjectNode.class);
        return response.hits().hits().stream().map(Hit::source).toList();
    }

    /** A search over every daily traces index, none of them required to exist yet; queries add the tenant. */
    private static SearchRequest.Builder traces(SearchRequest.Builder search) {
        return search.index(Indices.TRACES).ignoreUnavailable(true).allowNoIndices(true);
    }

    private static Query window(String tenant, Instant from, Instant to) {
        return Query.of(q -> q.bool(b -> b.filter(tenantIs(tenant))
                .filter(f -> f.range(r ->
                        r.field("startedAt").gte(JsonData.of(from.toString())).lt(JsonData.of(to.toString()))))));
    }

    private static Query tenantIs(String tenant) {
        return Query.of(q -> q.term(t -> t.field("tenant").value(FieldValue.of(tenant))));
    }

    private static Aggregation sum(String field) {
        return Aggregation.of(a -> a.sum(m -> m.field(field)));
    }

    private static Aggregation isTrue(String field) {
        return Aggregation.of(a -> a.filter(q -> q.term(t -> t.field(field).value(FieldValue.of(true)))));
    }

    private static Aggregation priced() {
        return Aggregation.of(a -> a.valueCount(v -> v.field("costUsd")));
    }

    /** The summed cost, or null when no call had one (a sum over nothing would read as $0.00). */
    // An absent aggregate means no trace index exists yet (the search allows no indices): zero, or no cost.

    private static Double costOf(Map<String, Aggregate> aggs) {
        Double priced =
                aggs.containsKey("priced") ? aggs.get("priced").valueCount().value() : null;
        return priced == null || priced == 0 ? null : sumOf(aggs, "cost");
    }

    private static double sumOf(Map<String, Aggregate> aggs, String name) {
        Double value = aggs.containsKey(name) ? aggs.get(name).sum().value() : null;
        return value == null ? 0 : value;
    }

    private static long countOf(Map<String, Aggregate> aggs, String name) {
        return aggs.containsKey(name) ? aggs.get(name).filter().docCount() : 0;
    }
}
