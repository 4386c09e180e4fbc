package io.thinkwatch.search;

import java.util.LinkedHashMap;
import java.util.Map;

import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.aggregations.Aggregation;
import org.opensearch.client.opensearch._types.aggregations.FieldDateMath;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchRequest;

/**
 * Turns a {@link StatsQuery} into one OpenSearch search with aggregations and no hits: the metrics of the
 * whole window, a date histogram of them and, with {@code groupBy}, the top groups each with its own
 * histogram. Pure: no I/O.
 */
public final class StatsQueries {

    static final String REASONING_SUM = "reasoning_sum";
    static final String REASONING_PERCENTILES = "reasoning_pct";
    static final String COST_SUM = "cost_sum";
    static final String TRUNCATED = "truncated";
    static final String EMPTY = "empty";
    static final String SERIES = "series";
    static final String GROUPS = "groups";
    static final String REASONING_TOKENS = "usage.reasoningTokens";
    static final String REASONING_CHARS = "reasoningChars";
    /** Calls that reasoned (billed reasoning tokens or showed reasoning), stored since reasoningChars is indexed. */
    static final String REASONED = "reasoned";
    /** Of {@link #REASONED}: those that showed any reasoning text. */
    static final String VISIBLE = "visible";
    /** Calls with billed reasoning tokens (and a known reasoningChars), with the sums of both. */
    static final String BILLED = "billed";

    static final String CHARS_SUM = "chars_sum";
    static final String TOKENS_SUM = "tokens_sum";
    /** With {@code groupBy=model}: the provider of each model (its most frequent one). */
    static final String PROVIDER = "provider";

    private StatsQueries() {}

    public static SearchRequest search(String index, String tenant, StatsQuery query) {
        Map<String, Aggregation> aggregations = new LinkedHashMap<>(metrics());
        aggregations.put(SERIES, series(query));
        if (query.groupBy() != null) {
            Map<String, Aggregation> perGroup = new LinkedHashMap<>(metrics());
            perGroup.put(SERIES, series(query));
            if (query.groupBy() == GroupBy.MODEL) {
                perGroup.put(
                        PROVIDER,
                        Aggregation.of(a -> a.terms(t -> t.field("provider").size(1))));
            }
            aggregations.put(
                    GROUPS,
                    Aggregation.of(a -> a.terms(t -> t.field(query.groupBy().field())
                                    .size(query.top())
                                    .order(Map.of("_count", SortOrder.Desc)))
                            .aggregations(perGroup)));
        }
        return new SearchRequest.Builder()
                .index(index)
                .ignoreUnavailable(true)
                .allowNoIndices(true)
                .size(0)
                .trackTotalHits(t -> t.enabled(true))
                .query(q -> q.bool(TraceQueries.filter(tenant, query.filter()).build()))
                .aggregations(aggregations)
                .build();
    }

    /** The metrics computed for the window, each bucket and each group. */
    static Map<String, Aggregation> metrics() {
        Map<String, Aggregation> metrics = new LinkedHashMap<>();
        metrics.put(REASONING_SUM, Aggregation.of(a -> a.sum(s -> s.field(REASONING_TOKENS))));
        metrics.put(
                REASONING_PERCENTILES,
                Aggregation.of(a -> a.percentiles(p -> p.field(REASONING_TOKENS).percents(50.0, 95.0))));
        metrics.put(COST_SUM, Aggregation.of(a -> a.sum(s -> s.field("costUsd"))));
        metrics.put(
                TRUNCATED,
                Aggregation.of(a ->
                        a.filter(f -> f.term(t -> t.field("truncated").value(FieldValue.TRUE)))));
        metrics.put(
                EMPTY,
                Aggregation.of(a ->
                        a.filter(f -> f.term(t -> t.field("emptyAnswer").value(FieldValue.TRUE)))));
        metrics.put(REASONED, reasoned());
        metrics.put(BILLED, billed());
        return metrics;
    }

    /**
     * Calls that reasoned, as far as the store knows how much of it they showed: a known {@code reasoningChars} (the
     * indexer adds it) and reasoning tokens billed or reasoning text shown. Plain range and exists filters: the
     * OpenSearch of the build has no scripting.
     */
    private static Aggregation reasoned() {
        Query known = Query.of(q -> q.exists(e -> e.field(REASONING_CHARS)));
        Query showed = Query.of(q -> q.range(r -> r.field(REASONING_CHARS).gt(JsonData.of(0))));
        Query billed = Query.of(q -> q.range(r -> r.field(REASONING_TOKENS).gt(JsonData.of(0))));
        return Aggregation.of(a -> a.filter(f -> f.bool(
                        b -> b.filter(known).should(showed).should(billed).minimumShouldMatch("1")))
                .aggregations(VISIBLE, Aggregation.of(v -> v.filter(showed))));
    }

    /** Calls with billed reasoning tokens and a known reasoningChars: the characters shown per token paid for. */
    private static Aggregation billed() {
        return Aggregation.of(a -> a.filter(f -> f.bool(b -> b.filter(q -> q.exists(e -> e.field(REASONING_CHARS)))
                        .filter(q -> q.range(r -> r.field(REASONING_TOKENS).gt(JsonData.of(0))))))
                .aggregations(Map.of(
                        CHARS_SUM,
                        Aggregation.of(s -> s.sum(m -> m.field(REASONING_CHARS))),
                        TOKENS_SUM,
                        Aggregation.of(s -> s.sum(m -> m.field(REASONING_TOKENS))))));
    }

    /** A bucket per interval across the whole window, empty buckets included. */
    private static Aggregation series(StatsQuery query) {
        double min = query.filter().from().toEpochMilli();
        double max = query.filter().to().toEpochMilli() - 1;
        return Aggregation.of(a -> a.dateHistogram(h -> h.field("startedAt")
                        .fixedInterval(t -> t.time(query.interval()))
                        .minDocCount(0)
                        .extendedBounds(b ->
                                b.min(FieldDateMath.of(f -> f.value(min))).max(FieldDateMath.of(f -> f.value(max)))))
                .aggregations(metrics()));
    }
}
