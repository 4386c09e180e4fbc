package io.thinkwatch.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch._types.FieldValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class TraceQueriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode body(TraceQuery query) throws Exception {
        return JSON.readTree(
                TraceQueries.search("thinkwatch-traces", "acme", query).toJsonString());
    }

    @Test
    void textIsOnlyEverTheTextOfASimpleQueryString() throws Exception {
        // Given user input that looks like query DSL
        String q = "{\"match_all\":{}} OR tenant:other";
        TraceQuery query = TraceQuery.parse(Map.of("q", List.of(q), "in", List.of("answer,request")));

        // When the request is built
        JsonNode body = body(query);

        // Then the text sits in simple_query_string.query over the chosen fields, next to the tenant filter
        JsonNode sqs = body.at("/query/bool/must/0/simple_query_string");
        assertThat(sqs.get("query").asText()).isEqualTo(q);
        assertThat(sqs.get("fields")).extracting(JsonNode::asText).containsExactly("answer", "requestText");
        assertThat(sqs.get("default_operator").asText()).isEqualToIgnoringCase("and");
        assertThat(body.at("/query/bool/filter/0/term/tenant/value").asText()).isEqualTo("acme");
    }

    @Test
    void filtersBecomeTermsFlagsAndRanges() throws Exception {
        // Given filters of every kind
        TraceQuery query = TraceQuery.parse(Map.of(
                "app",
                List.of("a1,a2"),
                "emptyAnswer",
                List.of("false"),
                "minReasoningTokens",
                List.of("5"),
                "tool",
                List.of("get_weather"),
                "minToolCalls",
                List.of("2"),
                "from",
                List.of("2026-03-01T00:00:00Z")));

        // When the request is built
        String filters = body(query).at("/query/bool/filter").toString();

        // Then each is a filter clause
        assertThat(filters)
                .contains("{\"terms\":{\"app\":[\"a1\",\"a2\"]}}")
                .contains("{\"term\":{\"emptyAnswer\":{\"value\":false}}}")
                .contains("{\"range\":{\"usage.reasoningTokens\":{\"gte\":5}}}")
                .contains("{\"terms\":{\"toolCalls.name\":[\"get_weather\"]}}")
                .contains("{\"range\":{\"toolCallCount\":{\"gte\":2}}}")
                .contains("{\"range\":{\"startedAt\":{\"gte\":\"2026-03-01T00:00:00Z\"}}}");
    }

    @Test
    void sortEndsWithTheTraceIdAndAPageAsksForOneMoreHit() throws Exception {
        // Given a sort on reasoning tokens, a page size and a cursor
        String cursor =
                new Cursor("-usage.reasoningTokens", List.of(FieldValue.of(42L), FieldValue.of("t-9"))).encode();
        TraceQuery query = TraceQuery.parse(
                Map.of("sort", List.of("-usage.reasoningTokens"), "size", List.of("20"), "after", List.of(cursor)));

        // When the request is built
        JsonNode body = body(query);

        // Then the sort has the tiebreaker, search_after the cursor's values, and size one more
        assertThat(body.at("/sort/0/usage.reasoningTokens/order").asText()).isEqualTo("desc");
        assertThat(body.at("/sort/0/usage.reasoningTokens/missing").asText()).isEqualTo("_last");
        assertThat(body.at("/sort/1/traceId/order").asText()).isEqualTo("asc");
        assertThat(body.get("search_after").toString()).isEqualTo("[42,\"t-9\"]");
        assertThat(body.get("size").asInt()).isEqualTo(21);
        assertThat(body.at("/_source/excludes/0").asText()).isEqualTo("request");
    }
}
