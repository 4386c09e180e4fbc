package io.thinkwatch.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.BoolQuery;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchRequest;

/**
 * Turns a {@link TraceQuery} into an OpenSearch search request. Pure: no I/O. The caller's tenant is always
 * a filter, and user text only ever reaches OpenSearch as the text of a {@code simple_query_string}, which
 * cannot express anything but a text search and never fails on bad syntax.
 */
public final class TraceQueries {

    /** The tiebreaker of every sort: unique, so pages neither skip nor repeat equal sort values. */
    static final String TIEBREAKER = "traceId";

    /** Fields left out of search results (fetch the trace for them): the prompt can be large. */
    static final List<String> LIST_EXCLUDES = List.of("request");

    private TraceQueries() {}

    /** The filters every trace read applies: the tenant first, then the filter's terms, flags and time window. */
    static BoolQuery.Builder filter(String tenant, TraceFilter filter) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        bool.filter(f -> f.term(t -> t.field("tenant").value(FieldValue.of(tenant))));
        for (Map.Entry<String, List<String>> term : filter.terms().entrySet()) {
            List<FieldValue> values =
                    term.getValue().stream().map(FieldValue::of).toList();
            bool.filter(
                    f -> f.terms(t -> t.field(TraceFilter.field(term.getKey())).terms(v -> v.value(values))));
        }
        if (filter.truncated() != null) {
            bool.filter(f -> f.term(t -> t.field("truncated").value(FieldValue.of(filter.truncated()))));
        }
        if (filter.emptyAnswer() != null) {
            bool.filter(f -> f.term(t -> t.field("emptyAnswer").value(FieldValue.of(filter.emptyAnswer()))));
        }
        if (filter.minReasoningTokens() != null) {
            bool.filter(
                    f -> f.range(r -> r.field("usage.reasoningTokens").gte(JsonData.of(filter.minReasoningTokens()))));
        }
        if (filter.minToolCalls() != null) {
            bool.filter(f -> f.range(r -> r.field("toolCallCount").gte(JsonData.of(filter.minToolCalls()))));
        }
        if (filter.from() != null || filter.to() != null) {
            bool.filter(f -> f.range(r -> {
                r.field("startedAt");
                if (filter.from() != null) {
                    r.gte(JsonData.of(filter.from().toString()));
                }
                if (filter.to() != null) {
                    r.lt(JsonData.of(filter.to().toString()));
                }
                return r;
            }));
        }
        return bool;
    }

    /** The tenant, the filter and, when there is text, a {@code simple_query_string} over the chosen fields. */
    static Query query(String tenant, TraceQuery query) {
        BoolQuery.Builder bool = filter(tenant, query.filter());
        if (query.q() != null) {
            List<String> fields =
                    query.in().stream().sorted().map(TextField::field).toList();
            bool.must(m ->
                    m.simpleQueryString(s -> s.query(query.q()).fields(fields).defaultOperator(Operator.And)));
        }
        return Query.of(q -> q.bool(bool.build()));
    }

    /**
     * The search of one page: {@code size + 1} hits are asked for, to know whether there is a next page
     * without a second request.
     */
    public static SearchRequest search(String index, String tenant, TraceQuery query) {
        return search(index, tenant, query, LIST_EXCLUDES);
    }

    /** The search of one page, leaving out {@code excludes} of each trace's stored fields. */
    static SearchRequest search(String index, String tenant, TraceQuery query, List<String> excludes) {
        List<SortOptions> sort = new ArrayList<>();
        SortOrder order = query.descending() ? SortOrder.Desc : SortOrder.Asc;
        sort.add(SortOptions.of(
                s -> s.field(f -> f.field(query.sort().field()).order(order).missing(FieldValue.of("_last")))));
        sort.add(SortOptions.of(s -> s.field(f -> f.field(TIEBREAKER).order(SortOrder.Asc))));
        SearchRequest.Builder request = new SearchRequest.Builder()
                .index(index)
                .ignoreUnavailable(true)
                .allowNoIndices(true)
                .query(query(tenant, query))
                .sort(sort)
                .size(query.size() == 0 ? 0 : query.size() + 1)
                .trackTotalHits(t -> t.enabled(true))
                .source(s -> s.filter(f -> f.excludes(excludes)));
        if (query.after() != null) {
            request.searchAfter(query.after().values());
        }
        return request.build();
    }
}
