package io.thinkwatch.indexer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.opensearch.client.opensearch.OpenSearchClient;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.thinkwatch.capture.CaptureServer;
import io.thinkwatch.platform.Topics;
import io.thinkwatch.testing.Latencies;
import io.thinkwatch.testing.TestTraces;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The indexer and search benchmark of issue 4 (docs/benchmarks.md), against the build's OpenSearch node:
 * <ol>
 * <li>sustained indexer throughput (Kafka to acknowledged by OpenSearch, offsets committed) against the raw bulk
 * ceiling of the same node for the same documents (built by {@link BulkWriter#documents}), measured before and
 * after, with one and with two concurrent bulk streams;</li>
 * <li>capture-to-searchable: calls through capture until a search finds them;</li>
 * <li>search latency through {@code GET /api/v1/traces} over 1,000,000 stored traces, full text and two filters.</li>
 * </ol>
 * Runs only with -Pbench.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "thinkwatch.benchmark", matches = "true")
class IndexerBenchmarkIT {

    private static final Logger LOG = Logger.getLogger(IndexerBenchmarkIT.class);
    private static final int THROUGHPUT_DOCS = Integer.getInteger("bench.indexer.docs", 60_000);
    private static final int CEILING_DOCS = THROUGHPUT_DOCS / 2;
    private static final int BULK = 1_000;
    private static final int SEARCH_DOCS = Integer.getInteger("bench.search.docs", 1_000_000);
    private static final int SEARCH_DAYS = 10;
    private static final int QUERIES = Integer.getInteger("bench.search.queries", 200);
    private static final int SEARCHABLE_CALLS = 200;

    private static final String[] WORDS = words();
    private static final String[] APPS = {"checkout", "support-bot", "route-planner", "search", "summarizer", "coder",
        "legal-review", "translator", "tutor", "analyst"};
    private static final String[] MODELS = {"o3", "o4-mini", "gpt-5", "claude-sonnet-4", "deepseek-r1"};

    @Inject
    OpenSearchClient client;
    @Inject
    IndexerConfig config;
    @Inject
    CaptureServer capture;
    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "thinkwatch.opensearch.url")
    String openSearchUrl;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "thinkwatch.admin.token")
    String adminToken;
    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newHttpClient();
    private final StringBuilder report = new StringBuilder();

    @Test
    void indexerThroughputSearchableLatencyAndSearchLatency() throws Exception {
        throughput();
        searchable();
        search();
        Latencies.write("indexer-benchmark.md", report.toString());
        LOG.info("Indexer benchmark:\n" + report);
    }

    // ---- 1. throughput against the raw bulk ceiling ----

    private void throughput() throws Exception {
        Random random = new Random(7);
        Instant now = Instant.now();
        String ceilingIndex = TraceIndices.ALIAS + "-bench-ceiling-" + run;
        // Given the documents the indexer would write, for the raw bulks, and other traces of the same kind for Kafka
        List<String> ceilingBodies = bulkBodies(documents(trace -> trace, "bench-ceiling-" + run, CEILING_DOCS, now, random),
                ceilingIndex);
        List<ObjectNode> traces = traces("bench-indexer-" + run, THROUGHPUT_DOCS, now, random);

        // When the node takes raw bulks, then the indexer consumes the traces, then raw bulks again (interleaved)
        double before1 = rawBulk(ceilingBodies, 1, ceilingIndex, CEILING_DOCS);
        double before2 = rawBulk(ceilingBodies, 2, ceilingIndex, CEILING_DOCS);
        double indexer = indexer(traces);
        double after1 = rawBulk(ceilingBodies, 1, ceilingIndex, CEILING_DOCS);
        double after2 = rawBulk(ceilingBodies, 2, ceilingIndex, CEILING_DOCS);
        delete(ceilingIndex);

        double one = (before1 + after1) / 2;
        double two = (before2 + after2) / 2;
        double ceiling = Math.max(one, two);
        report.append(String.format(Locale.ROOT, """
                Indexer throughput, %d traces (%d bytes on average) from Kafka to acknowledged and committed: %.0f docs/s
                Raw bulk ceiling, the same documents in bulks of %d, %d per run: one stream %.0f / %.0f docs/s \
                (before / after), two concurrent streams %.0f / %.0f docs/s
                Indexer / ceiling: %.2f (ceiling = the better of one and two streams, %.0f docs/s); \
                indexer / one stream: %.2f
                """, THROUGHPUT_DOCS, averageBytes(traces), indexer, BULK, CEILING_DOCS, before1, after1, before2, after2,
                indexer / ceiling, ceiling, indexer / one));
    }

    private interface Change {
        ObjectNode apply(ObjectNode trace);
    }

    private List<BulkWriter.Doc> documents(Change change, String tenant, int count, Instant end, Random random)
            throws Exception {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(count);
        for (ObjectNode trace : traces(tenant, count, end, random)) {
            records.add(new ConsumerRecord<>(Topics.TRACES, 0, records.size(), trace.path("traceId").asText(),
                    mapper.writeValueAsBytes(change.apply(trace))));
        }
        List<BulkWriter.DeadLetter> dead = new ArrayList<>();
        List<BulkWriter.Doc> docs = new BulkWriter(client, mapper, config.maxBatchBytes(), config.maxRequestText())
                .documents(records, dead);
        assertThat(dead).isEmpty();
        return docs;
    }

    private List<String> bulkBodies(List<BulkWriter.Doc> docs, String index) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int from = 0; from < docs.size(); from += BULK) {
            StringBuilder body = new StringBuilder();
            for (BulkWriter.Doc doc : docs.subList(from, Math.min(docs.size(), from + BULK))) {
                body.append("{\"index\":{\"_index\":\"").append(index == null ? doc.index() : index)
                        .append("\",\"_id\":\"").append(doc.id()).append("\"}}\n")
                        .append(mapper.writeValueAsString(doc.source())).append('\n');
            }
            bodies.add(body.toString());
        }
        return bodies;
    }

    /** Sends the bulks over {@code streams} concurrent connections; docs/s, every item checked. */
    private double rawBulk(List<String> bodies, int streams, String index, int docs) throws Exception {
        delete(index);
        ExecutorService pool = Executors.newFixedThreadPool(streams);
        long start = System.nanoTime();
        try {
            List<Future<?>> sends = new ArrayList<>();
            for (int s = 0; s < streams; s++) {
                int stream = s;
                sends.add(pool.submit(() -> {
                    for (int i = stream; i < bodies.size(); i += streams) {
                        bulk(bodies.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> send : sends) {
                send.get();
            }
        } finally {
            pool.shutdown();
        }
        return docs / ((System.nanoTime() - start) / 1e9);
    }

    private void bulk(String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(openSearchUrl + "/_bulk"))
                .header("content-type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || mapper.readTree(response.body()).path("errors").asBoolean(true)) {
            throw new IllegalStateException("bulk refused: HTTP " + response.statusCode() + " "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
    }

    /** Publishes the traces and waits until the indexer committed past all of them; docs/s. */
    private double indexer(List<ObjectNode> traces) throws Exception {
        Map<TopicPartition, Long> start;
        try (Admin admin = admin()) {
            start = ends(admin);
        }
        long begin = System.nanoTime();
        try (TestTraces kafka = new TestTraces()) {
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
            for (ObjectNode trace : traces) {
                records.add(new ProducerRecord<>(Topics.TRACES, trace.path("traceId").asText(), mapper.writeValueAsBytes(trace)));
            }
            kafka.send(records);
        }
        try (Admin admin = admin()) {
            Map<TopicPartition, Long> ends = ends(admin);
            long total = ends.entrySet().stream().mapToLong(e -> e.getValue() - start.getOrDefault(e.getKey(), 0L)).sum();
            assertThat(total).isGreaterThanOrEqualTo(traces.size());
            await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(config.groupId())
                        .partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue());
            });
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        TestTraces.awaitCount(client, "bench-indexer-" + run, traces.size(), Duration.ofMinutes(2));
        return traces.size() / seconds;
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static Map<TopicPartition, Long> ends(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(Topics.TRACES)).allTopicNames().get().get(Topics.TRACES).partitions()
                .forEach(p -> latest.put(new TopicPartition(Topics.TRACES, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((p, info) -> ends.put(p, info.offset()));
        return ends;
    }

    // ---- 2. capture to searchable ----

    private void searchable() throws Exception {
        String app = "searchable-" + run;
        Map<String, Long> sent = new ConcurrentHashMap<>();
        Map<String, Long> seen = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread poller = new Thread(() -> poll(app, seen, running));
        poller.start();
        try {
            for (int i = 0; i < SEARCHABLE_CALLS; i++) {
                long at = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + capture.port() + "/v1/chat/completions"))
                        .header("content-type", "application/json").header("authorization", "Bearer sk-bench")
                        .header("X-Thinkwatch-App", app)
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"model":"o3-mini","max_completion_tokens":4000,"messages":[{"role":"user","content":"hi"}]}"""))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                sent.put(response.headers().firstValue("X-Thinkwatch-Trace-Id").orElseThrow(), at);
                Thread.sleep(100); // pacing of the load, not a wait for a result
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> seen.keySet().containsAll(sent.keySet()));
        } finally {
            running.set(false);
            poller.join();
        }
        Latencies latencies = Latencies.of(sent.entrySet().stream()
                .map(e -> (seen.get(e.getKey()) - e.getValue()) / 1_000_000).toList());
        report.append(String.format(Locale.ROOT, "Capture to searchable (call sent until a search of the alias finds it; "
                + "one call every 100 ms, searched every 50 ms, refresh interval 1 s): %s%n", latencies.summary()));
    }

    private void poll(String app, Map<String, Long> seen, AtomicBoolean running) {
        while (running.get()) {
            try {
                var hits = client.search(s -> s.index(TraceIndices.ALIAS).size(SEARCHABLE_CALLS)
                        .source(src -> src.filter(f -> f.includes("traceId")))
                        .query(q -> q.term(t -> t.field("app").value(org.opensearch.client.opensearch._types.FieldValue.of(app)))),
                        ObjectNode.class).hits().hits();
                long now = System.nanoTime();
                hits.forEach(h -> seen.putIfAbsent(h.id(), now));
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.debugf("search while polling failed: %s", e.toString());
            }
        }
    }

    // ---- 3. search over 1,000,000 traces ----

    private void search() throws Exception {
        Random random = new Random(11);
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        long loadStart = System.nanoTime();
        int perDay = SEARCH_DOCS / SEARCH_DAYS;
        List<String> indices = new ArrayList<>();
        for (int day = 1; day <= SEARCH_DAYS; day++) {
            String index = TraceIndices.indexFor(today.minus(Duration.ofDays(day)));
            indices.add(index);
            request("PUT", "/" + index, "{\"settings\":{\"refresh_interval\":\"-1\"}}", true);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> loads = new ArrayList<>();
            for (int day = 1; day <= SEARCH_DAYS; day++) {
                Instant end = today.minus(Duration.ofDays(day - 1));
                Random dayRandom = new Random(random.nextLong());
                loads.add(pool.submit(() -> {
                    for (int done = 0; done < perDay; done += 10 * BULK) {
                        List<BulkWriter.Doc> docs = documents(trace -> trace, "default", Math.min(10 * BULK, perDay - done),
                                end, dayRandom);
                        for (String body : bulkBodies(docs, null)) {
                            bulk(body);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> load : loads) {
                load.get();
            }
        } finally {
            pool.shutdown();
        }
        for (String index : indices) {
            request("PUT", "/" + index + "/_settings", "{\"index\":{\"refresh_interval\":\"1s\"}}", false);
        }
        request("POST", "/" + TraceIndices.ALIAS + "/_refresh", "", false);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        long stored = client.count(c -> c.index(TraceIndices.ALIAS)
                .query(q -> q.term(t -> t.field("tenant").value(org.opensearch.client.opensearch._types.FieldValue.of("default")))))
                .count();
        assertThat(stored).isGreaterThanOrEqualTo(SEARCH_DOCS);

        // When users search: two words of full text, an app and a model, the default page of 50
        List<Long> samples = new ArrayList<>();
        long totals = 0;
        for (int i = 0; i < QUERIES + 20; i++) {
            String q = WORDS[random.nextInt(200)] + " " + WORDS[random.nextInt(200)];
            String app = APPS[random.nextInt(APPS.length)];
            String model = MODELS[random.nextInt(MODELS.length)];
            long at = System.nanoTime();
            var response = given().port(consolePort).auth().oauth2(adminToken).accept(ContentType.JSON)
                    .queryParam("q", q).queryParam("app", app).queryParam("model", model)
                    .get("/api/v1/traces");
            long ms = (System.nanoTime() - at) / 1_000_000;
            assertThat(response.statusCode()).isEqualTo(200);
            if (i >= 20) {
                samples.add(ms);
                totals += response.jsonPath().getLong("total");
            }
        }
        Latencies latencies = Latencies.of(samples);
        report.append(String.format(Locale.ROOT, "Search over %d stored traces (%d daily indices, loaded in %.0f s): "
                + "GET /api/v1/traces?q=<two common words>&app=<one of %d>&model=<one of %d>, page of 50 with the exact "
                + "total, %d queries after 20 warm-up ones, one at a time (mean total %d hits): %s%n", stored, SEARCH_DAYS,
                loadSeconds, APPS.length, MODELS.length, QUERIES, totals / QUERIES, latencies.summary()));
    }

    private void request(String method, String path, String body, boolean allowExisting) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(openSearchUrl + path))
                .header("content-type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300 && !(allowExisting && response.body().contains("already_exists"))) {
            throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    private void delete(String index) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(openSearchUrl + "/" + index)).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    // ---- synthetic traces ----

    /** Traces of one tenant spread over the 24 hours before {@code end}, with text from a Zipf-like vocabulary. */
    private List<ObjectNode> traces(String tenant, int count, Instant end, Random random) {
        List<ObjectNode> traces = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant started = end.minusMillis(1 + (long) (random.nextDouble() * 86_399_000L));
            ObjectNode t = TestTraces.trace(tenant, UUID.randomUUID().toString(), started);
            t.put("app", APPS[random.nextInt(APPS.length)]);
            t.put("model", MODELS[random.nextInt(MODELS.length)]);
            t.put("userId", "user-" + random.nextInt(5_000));
            ((ObjectNode) t.path("request").path("messages").get(0)).put("content", text(random, 25));
            t.put("answer", text(random, 60));
            t.put("reasoningText", text(random, 40));
            long reasoning = 200 + random.nextInt(20_000);
            ((ObjectNode) t.path("usage")).put("reasoningTokens", reasoning).put("outputTokens", reasoning + 300);
            traces.add(t);
        }
        return traces;
    }

    private static String text(Random random, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            // Skewed: low indices (common words) are picked far more often
            int index = (int) Math.min(WORDS.length - 1, Math.abs(random.nextGaussian()) * WORDS.length / 3);
            text.append(i == 0 ? "" : " ").append(WORDS[index]);
        }
        return text.toString();
    }

    private long averageBytes(List<ObjectNode> traces) throws Exception {
        long bytes = 0;
        for (ObjectNode trace : traces.subList(0, Math.min(1_000, traces.size()))) {
            bytes += mapper.writeValueAsBytes(trace).length;
        }
        return bytes / Math.min(1_000, traces.size());
    }

    private static String[] words() {
        Random random = new Random(3);
        String[] words = new String[5_000];
        for (int i = 0; i < words.length; i++) {
            ByteArrayOutputStream word = new ByteArrayOutputStream();
            int length = 3 + random.nextInt(7);
            for (int c = 0; c < length; c++) {
                word.write('a' + random.nextInt(26));
            }
            words[i] = word.toString(StandardCharsets.US_ASCII);
        }
        return words;
    }
}
