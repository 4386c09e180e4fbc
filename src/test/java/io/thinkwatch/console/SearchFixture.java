package io.thinkwatch.console;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import org.opensearch.client.opensearch.OpenSearchClient;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.thinkwatch.security.ApiToken;
import io.thinkwatch.security.UserRole;
import io.thinkwatch.testing.TestTraces;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * 24 known traces of one tenant for the search and stats tests, indexed through Kafka and the indexer.
 * Trace {@code i}: model o3, o4-mini or claude-sonnet by {@code i % 3}; app-a when even, else app-b;
 * every fourth (i % 4 == 0) truncated with an empty answer; {@code 100 * (i + 1)} reasoning tokens and
 * {@code 0.001 * (i + 1)} dollars; started in hour {@code i / 8} after {@link #base}, eight traces
 * sharing each instant. The word "zeppelin" is in the answer of trace 5, the reasoning of 7 and the
 * prompt of 9.
 */
final class SearchFixture {

    static final int SIZE = 24;

    final String tenant;
    final String token;
    final Instant base;

    private SearchFixture(String tenant, String token, Instant base) {
        this.tenant = tenant;
        this.token = token;
        this.base = base;
    }

    /** Publishes the traces, makes a reviewer token of the tenant (text search needs content access) and waits until all are searchable. */
    static SearchFixture publish(String prefix, OpenSearchClient client) throws Exception {
        String tenant = TestTraces.tenant(prefix);
        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(4, ChronoUnit.HOURS);
        List<ObjectNode> traces = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            traces.add(trace(tenant, base, i));
        }
        try (TestTraces publisher = new TestTraces()) {
            publisher.publish(traces);
        }
        String token = ApiToken.newSecret();
        QuarkusTransaction.requiringNew().run(() -> ApiToken.create(tenant, "it", UserRole.REVIEWER, token));
        TestTraces.awaitCount(client, tenant, SIZE, Duration.ofMinutes(2));
        return new SearchFixture(tenant, token, base);
    }

    private static ObjectNode trace(String tenant, Instant base, int i) {
        ObjectNode t = TestTraces.trace(tenant, id(tenant, i), base.plus(i / 8, ChronoUnit.HOURS));
        String[] models = {"o3", "o4-mini", "claude-sonnet"};
        t.put("model", models[i % 3]);
        t.put("provider", i % 3 == 2 ? "anthropic" : "openai");
        t.put("app", i % 2 == 0 ? "app-a" : "app-b");
        if (i % 4 == 0) {
            t.put("truncated", true)
                    .put("emptyAnswer", true)
                    .put("answer", "")
                    .put("finishReason", "length")
                    .put("status", "incomplete");
        }
        ((ObjectNode) t.get("usage")).put("reasoningTokens", 100 * (i + 1));
        t.put("costUsd", 0.001 * (i + 1));
        if (i == 5) {
            t.put("answer", "The zeppelin landed on time");
        } else if (i == 7) {
            t.put("reasoningText", "Considering the zeppelin schedule");
        } else if (i == 9) {
            ((ObjectNode) t.at("/request/messages/0")).put("content", "When does the zeppelin leave?");
        }
        return t;
    }

    static String id(String tenant, int i) {
        return tenant + "-" + i;
    }

    /** Ids of the traces whose number matches. */
    List<String> ids(IntPredicate which) {
        return IntStream.range(0, SIZE)
                .filter(which)
                .mapToObj(i -> id(tenant, i))
                .toList();
    }
}
