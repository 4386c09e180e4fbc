package io.thinkwatch.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.core.search.HitsMetadata;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.thinkwatch.capture.CaptureServer;
import io.thinkwatch.testing.AppProcess;
import io.thinkwatch.testing.Latencies;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Recovery after a crash (issue 17): the indexer role runs in processes of its own, built by this build, while calls
 * flow through capture (this test's application, capture and the simulator only) at a steady rate; one indexer is
 * killed with SIGKILL mid-stream. Every trace must become exactly one document. Restarted under its instance id,
 * the indexer must have caught up within 10 s of consuming (its start itself is the machine's speed); not restarted,
 * the other indexer must take over so that the traces sent around the kill are searchable within 10 s of their call
 * (p95; decisions/0029). Reports go to {@code target/recovery-*.txt}.
 */
@QuarkusTest
@TestProfile(IndexerRecoveryBenchmarkIT.CaptureOnly.class)
@EnabledIfSystemProperty(named = "thinkwatch.benchmark", matches = "true")
class IndexerRecoveryBenchmarkIT {

    private static final Logger LOG = Logger.getLogger(IndexerRecoveryBenchmarkIT.class);
    private static final String TENANT = "recovery";
    private static final String GROUP = "thinkwatch-indexer";
    private static final int CALLS_PER_SECOND = 20;
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final Duration BEFORE_KILL = Duration.ofSeconds(10);
    private static final Duration AFTER_KILL = Duration.ofSeconds(20);
    /** Calls go on at least this long after a restarted indexer consumes. */
    private static final Duration AFTER_RESTART = Duration.ofSeconds(10);
    /** Traces sent this close to the kill, before or after, are the ones the kill delays. */
    private static final Duration AROUND_KILL = Duration.ofSeconds(5);

    /** Capture and its simulated upstream here; the indexers are the processes the test starts and kills. */
    public static class CaptureOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("thinkwatch.roles", "capture,simulator", "thinkwatch.capture.default-tenant", TENANT);
        }
    }

    @Inject
    CaptureServer capture;

    @Inject
    OpenSearchClient client;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @ConfigProperty(name = "thinkwatch.opensearch.url")
    String openSearch;

    private final List<AppProcess> indexers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopIndexers() throws InterruptedException {
        for (AppProcess indexer : indexers) {
            indexer.close();
        }
    }

    @Test
    void anIndexerRestartedAfterSigkillTakesItsPartitionsBackAtOnce() throws Exception {
        // Given one indexer (static member indexer-a) and calls flowing through capture
        AppProcess first = indexer("indexer-a", 1);
        warmUp();
        String app = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        try (Traffic traffic = new Traffic(app)) {
            traffic.awaitCallsFor(BEFORE_KILL);

            // When it is killed with SIGKILL and started again at once under the same instance id
            long killedAt = System.currentTimeMillis();
            first.kill();
            AppProcess second = indexer("indexer-a", 2);
            long consumingAt = System.currentTimeMillis();
            long until = Math.max(killedAt + AFTER_KILL.toMillis(), consumingAt + AFTER_RESTART.toMillis());
            traffic.awaitCallsFor(Duration.ofMillis(Math.max(0, until - System.currentTimeMillis())));
            traffic.stop();

            // Then every trace is exactly one document, and what waited for the restart was searchable within 10 s
            // of the new process consuming: it took its partitions back without waiting for the dead one's session
            Result result = traffic.awaitSearchable();
            String report = result.report("restart of the same instance", killedAt, consumingAt);
            LOG.info(report);
            Latencies.write("recovery-restart.txt", report);
            result.assertExactlyOnce();
            assertThat(result.caughtUp(consumingAt))
                    .as("ms from the restarted indexer consuming until every trace sent before is searchable")
                    .isLessThanOrEqualTo(10_000L);
            assertThat(second.isAlive()).isTrue();
        }
    }

    @Test
    void aSecondIndexerTakesOverFromOneKilledThatDoesNotComeBack() throws Exception {
        // Given two indexers sharing the partitions, and calls flowing through capture
        AppProcess first = indexer("indexer-a", 3);
        indexer("indexer-b", 1);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> membersWithWork() == 2);
        warmUp();
        String app = "takeover-" + UUID.randomUUID().toString().substring(0, 8);
        try (Traffic traffic = new Traffic(app)) {
            traffic.awaitCallsFor(BEFORE_KILL);

            // When one of them is killed with SIGKILL and does not come back
            long killedAt = System.currentTimeMillis();
            first.kill();
            traffic.awaitCallsFor(AFTER_KILL);
            traffic.stop();

            // Then every trace is exactly one document, and those sent around the kill were searchable within 10 s
            Result result = traffic.awaitSearchable();
            String report = result.report("takeover by the other instance", killedAt, killedAt);
            LOG.info(report);
            Latencies.write("recovery-takeover.txt", report);
            result.assertExactlyOnce();
            assertThat(result.aroundKill(killedAt).percentile(0.95))
                    .as("p95 capture to searchable of traces sent within %s of the kill, ms", AROUND_KILL)
                    .isLessThanOrEqualTo(10_000L);
        }
    }

    /** Starts an indexer process and waits until it consumes. */
    private AppProcess indexer(String instanceId, int start) throws IOException {
        Map<String, String> properties = new HashMap<>();
        properties.put("thinkwatch.roles", "indexer");
        properties.put("thinkwatch.instance-id", instanceId);
        properties.put("kafka.bootstrap.servers", kafka);
        properties.put("thinkwatch.opensearch.url", openSearch);
        properties.put("quarkus.http.host", "127.0.0.1");
        properties.put("quarkus.http.port", "0");
        AppProcess indexer = AppProcess.start(instanceId, start, properties);
        indexers.add(indexer);
        indexer.awaitOutput("Indexer consuming", Duration.ofMinutes(3));
        return indexer;
    }

    /**
     * Calls for a few seconds, until all are searchable: the day's index exists and the indexers have compiled their
     * hot paths before the measured calls begin.
     */
    private void warmUp() throws Exception {
        try (Traffic traffic =
                new Traffic("warm-up-" + UUID.randomUUID().toString().substring(0, 8))) {
            traffic.awaitCallsFor(WARM_UP);
            traffic.stop();
            traffic.awaitSearchable().assertExactlyOnce();
        }
    }

    /** Members of the indexer's group that have partitions. */
    private long membersWithWork() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            ConsumerGroupDescription group =
                    admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
            return group.members().stream()
                    .filter(m -> !m.assignment().topicPartitions().isEmpty())
                    .count();
        }
    }

    /**
     * Calls through capture at a steady rate, each remembered with the time it was sent, and a watcher that searches
     * the app's traces every 200 ms and remembers when each became searchable.
     */
    private final class Traffic implements AutoCloseable {

        private final String app;
        private final HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final Map<String, Long> sent = new ConcurrentHashMap<>();
        private final Map<String, Long> searchable = new ConcurrentHashMap<>();
        private final List<CompletableFuture<?>> answers = new CopyOnWriteArrayList<>();
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicInteger made = new AtomicInteger();
        private final ScheduledExecutorService calls = Executors.newSingleThreadScheduledExecutor();
        private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
        private final ScheduledFuture<?> calling;
        private final ScheduledFuture<?> watching;

        Traffic(String app) {
            this.app = app;
            calling = calls.scheduleAtFixedRate(this::call, 0, 1000 / CALLS_PER_SECOND, TimeUnit.MILLISECONDS);
            watching = watcher.scheduleWithFixedDelay(this::watch, 0, 200, TimeUnit.MILLISECONDS);
        }

        /** Waits until the calls due in {@code span} at the steady rate have been made. */
        void awaitCallsFor(Duration span) {
            long target = made.get() + span.toMillis() * CALLS_PER_SECOND / 1000;
            await().atMost(span.plus(Duration.ofSeconds(30)))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> made.get() >= target);
        }

        private void call() {
            made.incrementAndGet();
            long at = System.currentTimeMillis();
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + capture.port() + "/v1/chat/completions"))
                    .header("content-type", "application/json")
                    .header("x-thinkwatch-app", app)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"o3-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build();
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .handle((response, error) -> {
                        String traceId = response == null
                                ? null
                                : response.headers()
                                        .firstValue("x-thinkwatch-trace-id")
                                        .orElse(null);
                        if (traceId == null || response.statusCode() != 200) {
                            failed.incrementAndGet();
                        } else {
                            sent.put(traceId, at);
                        }
                        return traceId;
                    }));
        }

        private void watch() {
            try {
                long now = System.currentTimeMillis();
                for (Hit<ObjectNode> hit : search().hits()) {
                    searchable.putIfAbsent(hit.id(), now);
                }
            } catch (IOException | RuntimeException e) {
                // no index yet, or OpenSearch busy: the next search tries again
            }
        }

        private HitsMetadata<ObjectNode> search() throws IOException {
            return client.search(
                            s -> s.index(TraceIndices.ALIAS)
                                    .size(10_000)
                                    .version(true)
                                    .trackTotalHits(t -> t.enabled(true))
                                    .source(src -> src.fetch(false))
                                    .query(q -> q.bool(b -> b.filter(f -> f.term(
                                                    t -> t.field("tenant").value(FieldValue.of(TENANT))))
                                            .filter(f ->
                                                    f.term(t -> t.field("app").value(FieldValue.of(app)))))),
                            ObjectNode.class)
                    .hits();
        }

        void stop() throws Exception {
            calling.cancel(false);
            calls.shutdown();
            assertThat(calls.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            // Every call answered (the simulator takes milliseconds)
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }

        Result awaitSearchable() throws IOException {
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> searchable.keySet().containsAll(sent.keySet()));
            watching.cancel(false);
            watcher.shutdownNow();
            client.indices().refresh(r -> r.index(TraceIndices.ALIAS));
            var hits = search();
            Set<String> ids = new HashSet<>();
            long writtenAgain = 0;
            for (Hit<ObjectNode> hit : hits.hits()) {
                ids.add(hit.id());
                if (hit.version() != null && hit.version() > 1) {
                    writtenAgain++;
                }
            }
            return new Result(
                    Map.copyOf(sent), Map.copyOf(searchable), hits.total().value(), ids, writtenAgain, failed.get());
        }

        @Override
        public void close() {
            calls.shutdownNow();
            watcher.shutdownNow();
        }
    }

    /** What one run sent and found. */
    private record Result(
            Map<String, Long> sent,
            Map<String, Long> searchable,
            long documents,
            Set<String> ids,
            long writtenAgain,
            int failedCalls) {

        Latencies latencies(LongPredicate sentWhen) {
            return Latencies.of(sent.entrySet().stream()
                    .filter(e -> sentWhen.test(e.getValue()))
                    .map(e -> searchable.get(e.getKey()) - e.getValue())
                    .toList());
        }

        /** How long after {@code from} every trace sent before it was searchable. */
        long caughtUp(long from) {
            return sent.entrySet().stream()
                            .filter(e -> e.getValue() < from)
                            .mapToLong(e -> searchable.get(e.getKey()))
                            .max()
                            .orElse(from)
                    - from;
        }

        Latencies aroundKill(long killedAt) {
            return latencies(at -> Math.abs(at - killedAt) <= AROUND_KILL.toMillis());
        }

        String report(String what, long killedAt, long consumingAt) {
            return String.format(
                    Locale.ROOT,
                    "Indexer recovery after SIGKILL, %s (%s, %d calls/s through capture)%n"
                            + "traces sent: %d, documents: %d, distinct ids: %d, written twice (same id): %d,"
                            + " failed calls: %d%n"
                            + "indexer consuming %d ms after the kill (0: the other one, running), every trace sent"
                            + " until then searchable %d ms later%n"
                            + "capture to searchable, sent more than %d s before the kill: %s%n"
                            + "capture to searchable, sent within %d s of the kill: %s%n"
                            + "capture to searchable, all: %s%n",
                    what,
                    Instant.ofEpochMilli(killedAt),
                    CALLS_PER_SECOND,
                    sent.size(),
                    documents,
                    ids.size(),
                    writtenAgain,
                    failedCalls,
                    consumingAt - killedAt,
                    caughtUp(consumingAt),
                    AROUND_KILL.toSeconds(),
                    latencies(at -> at < killedAt - AROUND_KILL.toMillis()).summary(),
                    AROUND_KILL.toSeconds(),
                    aroundKill(killedAt).summary(),
                    latencies(at -> true).summary());
        }

        void assertExactlyOnce() {
            assertThat(failedCalls).as("calls capture did not answer").isZero();
            assertThat(ids).as("documents of the traces sent").isEqualTo(sent.keySet());
            assertThat(documents).as("one document per trace").isEqualTo(sent.size());
        }
    }
}
