package io.thinkwatch.indexer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;

import io.quarkus.test.junit.QuarkusTest;
import io.thinkwatch.testing.BuildServices;
import io.thinkwatch.testing.TestTraces;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenSearch stopped for 30 seconds in the middle of a stream of traces, then started again (the build's
 * own node, through deploy/local/opensearch.sh): nothing is lost, nothing is indexed twice, and the
 * consumer lag shows the backlog meanwhile.
 */
@QuarkusTest
class OpenSearchOutageIT {

    private static final Logger LOG = Logger.getLogger(OpenSearchOutageIT.class);
    private static final String TENANT = TestTraces.tenant("outage");
    private static final Pattern LAG = Pattern.compile(
            "^thinkwatch_indexer_lag\\{[^}]*group=\"thinkwatch-indexer\"[^}]*} (\\S+)$", Pattern.MULTILINE);

    @Inject
    OpenSearchClient client;

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    @Test
    void streamSurvivesThirtySecondsWithoutOpenSearch() throws Exception {
        // Given a steady stream of traces (50 a second) that the indexer keeps up with
        List<String> sent = new CopyOnWriteArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        ScheduledExecutorService stream = Executors.newSingleThreadScheduledExecutor();
        try (TestTraces traces = new TestTraces()) {
            ScheduledFuture<?> unused = stream.scheduleAtFixedRate(
                    () -> publishFive(traces, sent, failures), 0, 100, TimeUnit.MILLISECONDS);
            TestTraces.awaitCount(client, TENANT, 100, Duration.ofMinutes(1));

            // When OpenSearch is stopped for 30 seconds while the stream goes on, then started again
            BuildServices.stopOpenSearch();
            await().during(Duration.ofSeconds(30))
                    .atMost(Duration.ofSeconds(45))
                    .until(() -> !reachable());
            double lagDuringOutage = lag();
            BuildServices.startOpenSearch();
            int sentBeforeEnd = sent.size();
            await().atMost(Duration.ofMinutes(1)).until(() -> sent.size() >= sentBeforeEnd + 100);
            stream.shutdown();
            assertThat(stream.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            // Then every trace sent is a document, none twice, and the lag showed the backlog
            assertThat(failures.get()).isZero();
            int total = sent.size();
            TestTraces.awaitCount(client, TENANT, total, Duration.ofMinutes(3));
            assertThat(TestTraces.count(client, TENANT)).isEqualTo(total);
            assertThat(countOf(sent)).isEqualTo(total);
            assertThat(lagDuringOutage).isPositive();
        } finally {
            stream.shutdownNow();
        }
    }

    private static void publishFive(TestTraces traces, List<String> sent, AtomicInteger failures) {
        List<ObjectNode> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = TENANT + "-" + (sent.size() + i);
            batch.add(TestTraces.trace(TENANT, id, Instant.now()));
        }
        try {
            traces.publish(batch);
            batch.forEach(t -> sent.add(t.get("traceId").asText()));
        } catch (Exception e) {
            failures.incrementAndGet();
            LOG.warn("Publishing test traces failed", e);
        }
    }

    /** Documents of the tenant among the given ids. */
    private long countOf(List<String> ids) throws IOException {
        List<FieldValue> values = ids.stream().map(FieldValue::of).toList();
        return client.count(c -> c.index(TraceIndices.ALIAS)
                        .query(q -> q.bool(b -> b.filter(
                                        f -> f.term(t -> t.field("tenant").value(FieldValue.of(TENANT))))
                                .filter(f -> f.terms(t -> t.field("traceId").terms(v -> v.value(values)))))))
                .count();
    }

    private boolean reachable() {
        try {
            client.ping();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The indexer's lag gauge, after it has seen records waiting. */
    private double lag() {
        double[] lag = new double[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Matcher m = LAG.matcher(given().port(consolePort).get("/q/metrics").asString());
            lag[0] = m.find() ? Double.parseDouble(m.group(1)) : 0;
            return lag[0] > 0;
        });
        return lag[0];
    }
}
