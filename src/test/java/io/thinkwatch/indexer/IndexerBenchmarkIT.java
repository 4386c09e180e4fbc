package io.thinkwatch.indexer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.opensearch.client.opensearch.OpenSearchClient;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.thinkwatch.capture.CaptureServer;
import io.thinkwatch.platform.Topics;
import io.thinkwatch.testing.CoreSplit;
import io.thinkwatch.testing.Latencies;
import io.thinkwatch.testing.TestTraces;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The indexer and search benchmark of issue 4 (docs/benchmarks.md), against the build's OpenSearch node:
 * <ol>
 * <li>sustained indexer throughput (a backlog in Kafka to acknowledged by OpenSearch, offsets committed; this
 * instance runs without the rule engine) against the raw bulk ceiling of the same node for the same documents
 * (built by {@link BulkWriter#documents}), both warmed up first; the ceiling is the best of one and two concurrent
 * streams, in bulks of 1,000 and of {@code max-batch-bytes}; beside it the indexer's write path without Kafka; raw
 * passes and indexer runs interleaved, three of each;
 * all of it twice: with the OpenSearch node on a core of its own, then with every process on every core;</li>
 * <li>capture-to-searchable: calls through capture until a search finds them;</li>
 * <li>search latency through {@code GET /api/v1/traces} over 1,000,000 stored traces, full text and two filters.</li>
 * </ol>
 * Runs only with -Pbench.
 */
@QuarkusTest
@TestProfile(IndexerBenchmarkIT.WithoutRules.class)
@EnabledIfSystemProperty(named = "thinkwatch.benchmark", matches = "true")
class IndexerBenchmarkIT {

    /**
     * The roles the three parts need (indexer; capture and its simulated upstream; console), without the rule
     * engine and alerts, which would read the same traces on the same cores while the indexer is measured.
     */
    public static class WithoutRules implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("thinkwatch.roles", "capture,indexer,console,simulator");
        }
    }

    private static final Logger LOG = Logger.getLogger(IndexerBenchmarkIT.class);
    private static final int THROUGHPUT_DOCS = Integer.getInteger("bench.indexer.docs", 60_000);
    /** As many as an indexer run: a shorter run leaves more of its merging to after the clock stops. */
    private static final int CEILING_DOCS = THROUGHPUT_DOCS;
    /** As many as a measured run: with polls of up to 5,000 records, a quarter of it was three polls. */
    private static final int WARM_UP_DOCS = Integer.getInteger("bench.indexer.warm-up", THROUGHPUT_DOCS);
    /**
     * A raw way that is not one to the ceiling: the documents in polls of {@code max-batch} written by the indexer's
     * {@link BulkWriter} (its bulk bodies and HTTP client), without Kafka.
     */
    private static final String WRITE_PATH = "the indexer's write path without Kafka (BulkWriter, polls of max-batch)";
    /** Raw passes and indexer runs per layout, interleaved: single runs move by 10-30 % on this machine. */
    private static final int ROUNDS = Integer.getInteger("bench.indexer.rounds", 3);

    private static final int BULK = 1_000;
    private static final int SEARCH_DOCS = Integer.getInteger("bench.search.docs", 1_000_000);
    private static final int SEARCH_DAYS = 10;
    private static final int QUERIES = Integer.getInteger("bench.search.queries", 200);
    private static final int SEARCHABLE_CALLS = 200;

    private static final String[] WORDS = words();
    private static final String[] APPS = {
        "checkout",
        "support-bot",
        "route-planner",
        "search",
        "summarizer",
        "coder",
        "legal-review",
        "translator",
        "tutor",
        "analyst"
    };
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
        // The JIT compilers of this JVM and of the broker first do their work on both cores: with a single core for
        // the feeding side, they were still compiling in the measured runs (8-9 ms per 1,000 docs each)
        String jitWarmUp = "bench-jit-warm-up-" + run;
        indexer(backlog(traces(jitWarmUp, WARM_UP_DOCS, Instant.now(), new Random(5))), jitWarmUp);
        double ownCore;
        try (CoreSplit split =
                CoreSplit.of(openSearchPid(), List.of(ProcessHandle.current().pid(), kafkaPid()))) {
            ownCore = throughput(
                    "OpenSearch on a core of its own (" + split.describe() + " for the test's JVM and " + "the broker)",
                    12);
        }
        double shared = throughput("every process on every core", 22);
        Latencies searchable = searchable();
        Latencies search = search();
        Latencies.write("indexer-benchmark.md", report.toString());
        LOG.info("Indexer benchmark:\n" + report);
        LOG.infof(
                "Indexer / ceiling: %.2f with OpenSearch on a core of its own, %.2f sharing every core",
                ownCore, shared);

        // Then the targets of issue 4 hold (asserted after the numbers are written, so a miss still reports them)
        assertThat(ownCore)
                .as("indexer / ceiling, OpenSearch on a core of its own")
                .isGreaterThanOrEqualTo(0.8);
        assertThat(shared).as("indexer / ceiling, every process on every core").isGreaterThanOrEqualTo(0.8);
        assertThat(searchable.percentile(0.95))
                .as("capture to searchable p95, ms")
                .isLessThanOrEqualTo(2_000);
        assertThat(search.percentile(0.95)).as("search p95, ms").isLessThanOrEqualTo(300);
    }

    // ---- 1. throughput against the raw bulk ceiling ----

    /**
     * One throughput measurement with the cores shared as {@code cores} says, the measured documents falling on
     * days {@code daysBack} to {@code daysBack + 4} back (into indices fresh for each run, raw or indexer); indexer /
     * ceiling.
     */
    private double throughput(String cores, int daysBack) throws Exception {
        Random random = new Random(7 + daysBack);
        Instant now = Instant.now();
        Instant measured = now.minus(Duration.ofDays(daysBack));
        String layout = run + "-" + daysBack;
        String ceilingPrefix = TraceIndices.ALIAS + "-bench-ceiling-" + layout;
        // Given the documents the indexer would write, as prebuilt bulk bodies for the daily indices of a run of
        // their own, in bulks of 1,000 and in bulks of the indexer's max-batch-bytes, and as polls of max-batch for
        // the indexer's own writer (its HTTP client and bulk bodies, without Kafka)
        List<BulkWriter.Doc> ceilingDocs =
                documents(trace -> trace, "bench-ceiling-" + layout, CEILING_DOCS, measured, random);
        List<String> ceilingIndices = ceilingDocs.stream()
                .map(doc -> ceilingPrefix + doc.index().substring(TraceIndices.ALIAS.length()))
                .distinct()
                .toList();
        Map<String, List<Send>> ways = new LinkedHashMap<>();
        ways.put(
                String.format(Locale.ROOT, "bulks of %,d docs", BULK),
                sends(bulkBodies(ceilingDocs, ceilingPrefix, BULK, Long.MAX_VALUE)));
        ways.put(
                String.format(Locale.ROOT, "bulks of %d MiB", config.maxBatchBytes() >> 20),
                sends(bulkBodies(ceilingDocs, ceilingPrefix, Integer.MAX_VALUE, config.maxBatchBytes())));
        // Not a way to the ceiling: it shows how much of the gap is the write path and how much is Kafka
        ways.put(WRITE_PATH, writerPolls(ceilingDocs, ceilingPrefix));

        // When the node and the indexer are warmed up, then, ROUNDS times, the node takes raw bulks in every way and
        // the indexer consumes a backlog of other traces of the same kind (interleaved, as the machine is noisy)
        ceilings(ways, ceilingPrefix, ceilingIndices);
        indexer(backlog(traces("bench-warm-up-" + layout, WARM_UP_DOCS, now, random)), "bench-warm-up-" + layout);
        List<Map<String, double[]>> passes = new ArrayList<>();
        List<IndexerRun> runs = new ArrayList<>();
        Cpu ceilingCpu = new Cpu(0, 0, 0, Map.of(), Map.of());
        for (int round = 0; round < ROUNDS; round++) {
            Cpu start = cpu();
            passes.add(ceilings(ways, ceilingPrefix, ceilingIndices));
            ceilingCpu = ceilingCpu.plus(cpu().minus(start));
            String tenant = "bench-indexer-" + layout + "-" + round;
            // Each backlog made just before its run, so the test's heap holds one at a time
            runs.add(indexer(
                    backlog(traces(tenant, THROUGHPUT_DOCS, measured.minus(Duration.ofDays(3L * round)), random)),
                    tenant));
        }
        delete(ceilingPrefix + "-*");
        double indexer =
                runs.stream().mapToDouble(IndexerRun::docsPerSecond).average().orElseThrow();
        Cpu indexerCpu = runs.stream().map(IndexerRun::cpu).reduce(Cpu::plus).orElseThrow();

        // Then the ceiling is the best mean (over the rounds) of the raw ways tried
        double ceiling = 0;
        String best = "";
        double[] writePath = new double[2];
        StringBuilder raw = new StringBuilder();
        for (String way : ways.keySet()) {
            for (int streams = 1; streams <= 2; streams++) {
                int stream = streams - 1;
                double mean = passes.stream()
                        .mapToDouble(pass -> pass.get(way)[stream])
                        .average()
                        .orElseThrow();
                raw.append(String.format(
                        Locale.ROOT,
                        "Raw bulk, %s, %d stream%s: %.0f docs/s (%s)%n",
                        way,
                        streams,
                        streams == 1 ? "" : "s",
                        mean,
                        passes.stream()
                                .map(pass -> String.format(Locale.ROOT, "%.0f", pass.get(way)[stream]))
                                .collect(Collectors.joining(" / "))));
                if (way.equals(WRITE_PATH)) {
                    writePath[stream] = mean;
                } else if (mean > ceiling) {
                    ceiling = mean;
                    best = String.format(Locale.ROOT, "%s, %d stream%s", way, streams, streams == 1 ? "" : "s");
                }
            }
        }
        report.append(String.format(
                Locale.ROOT,
                """
                Throughput, %s:
                Indexer throughput, %d traces (%d bytes on average), a backlog made visible at once (one Kafka \
                transaction) until acknowledged and committed, indexer role alone: %.0f docs/s (%s: each after a pass \
                of the raw ways; after %d warm-up traces)
                %sRaw bulk ceiling, the same documents, %d per run, after a warm-up pass of every way: %.0f docs/s (%s)
                Indexer / ceiling: %.2f (the indexer's write path without Kafka, with two polls at once: %.2f)
                CPU ms per 1,000 docs (OpenSearch / this JVM / Kafka): indexer runs %s; raw bulk passes %s
                Busiest threads in the indexer runs, CPU ms per 1,000 docs: %s
                """,
                cores,
                THROUGHPUT_DOCS,
                runs.get(0).averageBytes(),
                indexer,
                runs.stream()
                        .map(r -> String.format(Locale.ROOT, "%.0f", r.docsPerSecond()))
                        .collect(Collectors.joining(" / ")),
                WARM_UP_DOCS,
                raw,
                CEILING_DOCS,
                ceiling,
                best,
                indexer / ceiling,
                writePath[1] / ceiling,
                indexerCpu.per(ROUNDS * THROUGHPUT_DOCS),
                ceilingCpu.per(ROUNDS * ways.size() * 2 * CEILING_DOCS),
                indexerCpu.threadsPer(ROUNDS * THROUGHPUT_DOCS)));
        return indexer / ceiling;
    }

    /**
     * CPU milliseconds used so far by the OpenSearch node, this JVM (the indexer runs here) and the Kafka broker, and
     * by the live threads of this JVM and of the broker, by name with numbers left out.
     */
    private record Cpu(
            long openSearch, long jvm, long kafka, Map<String, Long> jvmThreads, Map<String, Long> kafkaThreads) {
        Cpu minus(Cpu earlier) {
            return plus(earlier, -1);
        }

        Cpu plus(Cpu other) {
            return plus(other, 1);
        }

        private Cpu plus(Cpu other, int sign) {
            return new Cpu(
                    openSearch + sign * other.openSearch,
                    jvm + sign * other.jvm,
                    kafka + sign * other.kafka,
                    plus(jvmThreads, other.jvmThreads, sign),
                    plus(kafkaThreads, other.kafkaThreads, sign));
        }

        private static Map<String, Long> plus(Map<String, Long> threads, Map<String, Long> other, int sign) {
            Map<String, Long> used = new HashMap<>(threads);
            other.forEach((name, ms) -> used.merge(name, sign * ms, Long::sum));
            return used;
        }

        long total() {
            return openSearch + jvm + kafka;
        }

        String per(int docs) {
            return String.format(
                    Locale.ROOT, "%d / %d / %d", openSearch * 1000 / docs, jvm * 1000 / docs, kafka * 1000 / docs);
        }

        /** The threads of this JVM and of the broker that used the most, per 1,000 docs. */
        String threadsPer(int docs) {
            return "this JVM: " + busiest(jvmThreads, docs) + "; Kafka: " + busiest(kafkaThreads, docs);
        }

        private static String busiest(Map<String, Long> threads, int docs) {
            return threads.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(5)
                    .map(e -> String.format(Locale.ROOT, "%s %d", e.getKey(), e.getValue() * 1000 / docs))
                    .collect(Collectors.joining(", "));
        }
    }

    private Cpu cpu() throws Exception {
        HttpResponse<String> stats = http.send(
                HttpRequest.newBuilder(URI.create(openSearchUrl + "/_nodes/_local/stats/process"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        long openSearch = mapper.readTree(stats.body())
                .path("nodes")
                .elements()
                .next()
                .path("process")
                .path("cpu")
                .path("total_in_millis")
                .asLong();
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1_000_000;
        long kafkaPid = kafkaPid();
        long kafka = ProcessHandle.of(kafkaPid)
                .flatMap(p -> p.info().totalCpuDuration())
                .map(Duration::toMillis)
                .orElse(0L);
        return new Cpu(
                openSearch, jvm, kafka, threadsCpu(ProcessHandle.current().pid()), threadsCpu(kafkaPid));
    }

    private static long kafkaPid() throws IOException {
        return Long.parseLong(Files.readString(Path.of(System.getProperty("it.kafka.state"), "kafka.pid"))
                .trim());
    }

    private long openSearchPid() throws Exception {
        HttpResponse<String> info = http.send(
                HttpRequest.newBuilder(URI.create(openSearchUrl + "/_nodes/_local/process"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return mapper.readTree(info.body())
                .path("nodes")
                .elements()
                .next()
                .path("process")
                .path("id")
                .asLong();
    }

    /**
     * CPU ms of a process's live threads by name (as Linux shows it, at most 15 characters, numbers left out), from
     * /proc in clock ticks of 10 ms; empty where there is no /proc.
     */
    private static Map<String, Long> threadsCpu(long pid) throws IOException {
        Map<String, Long> cpu = new HashMap<>();
        Path tasks = Path.of("/proc", String.valueOf(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return cpu;
        }
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : threads.toList()) {
                try {
                    String name =
                            Files.readString(thread.resolve("comm")).trim().replaceAll("[0-9]+", "#");
                    // after the name in parentheses: fields 3 to 52 of proc(5), utime and stime are 14 and 15
                    String stat = Files.readString(thread.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
                    cpu.merge(name, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10, Long::sum);
                } catch (IOException ended) {
                    // the thread ended while it was read
                }
            }
        }
        return cpu;
    }

    /**
     * Waits (at most 30 s) until OpenSearch, this JVM and the broker together use less than a tenth of a core, so the
     * merges, JIT compiling and garbage collection that the previous part (or the producing of the backlog) left
     * behind do not fall into the next timed part.
     */
    private void settle() throws Exception {
        AtomicReference<Cpu> last = new AtomicReference<>(cpu());
        try {
            await().atMost(Duration.ofSeconds(30))
                    .pollDelay(Duration.ofSeconds(1))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        Cpu now = cpu();
                        return now.minus(last.getAndSet(now)).total() < 100;
                    });
        } catch (ConditionTimeoutException e) {
            LOG.info("The services were still busy after 30 s; going on");
        }
    }

    /** Every raw way once with one and with two streams: docs/s by way, one then two streams. */
    private Map<String, double[]> ceilings(Map<String, List<Send>> ways, String prefix, List<String> indices)
            throws Exception {
        Map<String, double[]> rates = new LinkedHashMap<>();
        for (Map.Entry<String, List<Send>> way : ways.entrySet()) {
            rates.put(way.getKey(), new double[] {
                rawBulk(way.getValue(), 1, prefix, indices, CEILING_DOCS),
                rawBulk(way.getValue(), 2, prefix, indices, CEILING_DOCS)
            });
        }
        return rates;
    }

    private interface Change {
        ObjectNode apply(ObjectNode trace);
    }

    private List<BulkWriter.Doc> documents(Change change, String tenant, int count, Instant end, Random random)
            throws Exception {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(count);
        for (ObjectNode trace : traces(tenant, count, end, random)) {
            records.add(new ConsumerRecord<>(
                    Topics.TRACES,
                    0,
                    records.size(),
                    trace.path("traceId").asText(),
                    mapper.writeValueAsBytes(change.apply(trace))));
        }
        List<BulkWriter.DeadLetter> dead = new ArrayList<>();
        List<BulkWriter.Doc> docs = new BulkWriter(
                        client, mapper, config.maxBatchBytes(), config.maxRequestText(), Optional.empty())
                .documents(records, dead);
        assertThat(dead).isEmpty();
        return docs;
    }

    /** The document as the indexer writes it. */
    private static String jsonOf(BulkWriter.Doc doc) {
        return new String(doc.source(), StandardCharsets.UTF_8);
    }

    /**
     * NDJSON bulk bodies of at most {@code maxDocs} documents and {@code maxBytes} (of the records, as the indexer
     * counts); into each document's own daily index, or, given a prefix, into the same day's index under it.
     */
    private static List<String> bulkBodies(List<BulkWriter.Doc> docs, String prefix, int maxDocs, long maxBytes) {
        List<String> bodies = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        int count = 0;
        long bytes = 0;
        for (BulkWriter.Doc doc : docs) {
            if (count > 0 && (count >= maxDocs || bytes + doc.record().value().length > maxBytes)) {
                bodies.add(body.toString());
                body = new StringBuilder();
                count = 0;
                bytes = 0;
            }
            String index = prefix == null ? doc.index() : prefix + doc.index().substring(TraceIndices.ALIAS.length());
            body.append("{\"index\":{\"_index\":\"")
                    .append(index)
                    .append("\",\"_id\":\"")
                    .append(doc.id())
                    .append("\"}}\n")
                    .append(jsonOf(doc))
                    .append('\n');
            count++;
            bytes += doc.record().value().length;
        }
        if (count > 0) {
            bodies.add(body.toString());
        }
        return bodies;
    }

    /**
     * Sends the bulks over {@code streams} concurrent connections into fresh indices under {@code prefix}, created
     * before the clock starts; docs/s, every item checked.
     */
    private double rawBulk(List<Send> requests, int streams, String prefix, List<String> indices, int docs)
            throws Exception {
        delete(prefix + "-*");
        for (String index : indices) {
            request("PUT", "/" + index, "", true);
        }
        settle();
        ExecutorService pool = Executors.newFixedThreadPool(streams);
        Cpu cpu = cpu();
        long start = System.nanoTime();
        try {
            List<Future<?>> sends = new ArrayList<>();
            for (int s = 0; s < streams; s++) {
                int stream = s;
                sends.add(pool.submit(() -> {
                    for (int i = stream; i < requests.size(); i += streams) {
                        requests.get(i).run();
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
        double seconds = (System.nanoTime() - start) / 1e9;
        Cpu used = cpu().minus(cpu);
        LOG.infof(
                "Raw run, %d bulks, %d streams: %.0f docs/s, %.2f cores busy, OpenSearch %d ms per 1,000 docs",
                requests.size(),
                streams,
                docs / seconds,
                used.total() / (seconds * 1000),
                used.openSearch() * 1000 / docs);
        return docs / seconds;
    }

    /** One bulk request of a raw run. */
    private interface Send {
        void run() throws Exception;
    }

    private List<Send> sends(List<String> bodies) {
        return bodies.stream().map(body -> (Send) () -> bulk(body)).toList();
    }

    /**
     * The documents in polls of {@code max-batch}, each written by a {@link BulkWriter} as the indexer writes a poll,
     * into the same day's index under {@code prefix}; a document not written is a failure.
     */
    private List<Send> writerPolls(List<BulkWriter.Doc> docs, String prefix) {
        BulkWriter writer =
                new BulkWriter(client, mapper, config.maxBatchBytes(), config.maxRequestText(), Optional.empty());
        List<Send> polls = new ArrayList<>();
        for (int from = 0; from < docs.size(); from += config.maxBatch()) {
            List<BulkWriter.Doc> poll = docs.subList(from, Math.min(docs.size(), from + config.maxBatch())).stream()
                    .map(doc -> new BulkWriter.Doc(
                            doc.record(),
                            doc.id(),
                            prefix + doc.index().substring(TraceIndices.ALIAS.length()),
                            doc.source(),
                            doc.version()))
                    .toList();
            polls.add(() -> {
                List<BulkWriter.DeadLetter> dead = new ArrayList<>();
                writer.write(new ArrayList<>(poll), dead);
                assertThat(dead).isEmpty();
            });
        }
        return polls;
    }

    private void bulk(String body) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(openSearchUrl + "/_bulk"))
                        .header("content-type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200
                || mapper.readTree(response.body()).path("errors").asBoolean(true)) {
            throw new IllegalStateException("bulk refused: HTTP " + response.statusCode() + " "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
    }

    /**
     * Publishes the traces in one Kafka transaction (the indexer reads committed records only, so they become
     * visible at once, as a backlog, and producing them is not timed), then waits until the indexer committed past
     * all of them; docs/s from the commit of the transaction.
     */
    private IndexerRun indexer(Backlog traces, String tenant) throws Exception {
        for (String index : traces.indices()) {
            request("PUT", "/" + index, "", true);
        }
        long begin;
        Cpu start;
        // When the first commit of this run was seen (nanoTime), or 0
        AtomicLong firstCommit = new AtomicLong();
        try (KafkaProducer<String, byte[]> producer = transactionalProducer();
                Admin admin = admin()) {
            producer.initTransactions();
            producer.beginTransaction();
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (ProducerRecord<String, byte[]> trace : traces.records()) {
                sends.add(producer.send(trace));
            }
            producer.flush();
            // Where the indexer's commits must reach: past the last trace of each partition (not past the
            // transaction's commit marker, which the consumer skips without committing past it)
            Map<TopicPartition, Long> ends = new HashMap<>();
            for (Future<RecordMetadata> send : sends) {
                RecordMetadata sent = send.get();
                ends.merge(new TopicPartition(sent.topic(), sent.partition()), sent.offset() + 1, Math::max);
            }
            settle();
            long startOffsets = sum(admin.listConsumerGroupOffsets(config.groupId())
                    .partitionsToOffsetAndMetadata()
                    .get());
            start = cpu();
            begin = System.nanoTime();
            producer.commitTransaction();
            await().atMost(Duration.ofMinutes(20))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                                        config.groupId())
                                .partitionsToOffsetAndMetadata()
                                .get();
                        if (firstCommit.get() == 0 && sum(committed) > startOffsets) {
                            firstCommit.set(System.nanoTime());
                        }
                        return ends.entrySet().stream()
                                .allMatch(e -> committed.get(e.getKey()) != null
                                        && committed.get(e.getKey()).offset() >= e.getValue());
                    });
        }
        long end = System.nanoTime();
        double seconds = (end - begin) / 1e9;
        Cpu used = cpu().minus(start);
        TestTraces.awaitCount(client, tenant, traces.records().size(), Duration.ofMinutes(2));
        LOG.infof(
                "Indexer run %s: %.0f docs/s, first commit after %d ms of %d ms, %.2f cores busy",
                tenant,
                traces.records().size() / seconds,
                (firstCommit.get() - begin) / 1_000_000,
                (end - begin) / 1_000_000,
                used.total() / (seconds * 1000));
        return new IndexerRun(traces.records().size() / seconds, used, traces.averageBytes());
    }

    private static long sum(Map<TopicPartition, OffsetAndMetadata> offsets) {
        return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
    }

    private record IndexerRun(double docsPerSecond, Cpu cpu, long averageBytes) {}

    private KafkaProducer<String, byte[]> transactionalProducer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        "bench-indexer-" + run,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        "lz4",
                        ProducerConfig.LINGER_MS_CONFIG,
                        5,
                        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                        600_000),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    // ---- 2. capture to searchable ----

    private Latencies searchable() throws Exception {
        String app = "searchable-" + run;
        Map<String, Long> sent = new ConcurrentHashMap<>();
        Map<String, Long> seen = new ConcurrentHashMap<>();
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ScheduledExecutorService load = Executors.newScheduledThreadPool(2);
        try {
            // A poller searching every 50 ms, and one call through capture every 100 ms until all are sent
            ScheduledFuture<?> unused = load.scheduleAtFixedRate(() -> poll(app, seen), 0, 50, TimeUnit.MILLISECONDS);
            ScheduledFuture<?> caller = load.scheduleAtFixedRate(
                    () -> {
                        if (calls.get() < SEARCHABLE_CALLS && failure.get() == null) {
                            try {
                                call(app, sent);
                                calls.incrementAndGet();
                            } catch (Exception | AssertionError e) {
                                failure.set(e);
                            }
                        }
                    },
                    0,
                    100,
                    TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofMinutes(2)).until(() -> calls.get() == SEARCHABLE_CALLS || failure.get() != null);
            caller.cancel(false);
            assertThat(failure.get()).isNull();
            await().atMost(Duration.ofMinutes(2)).until(() -> seen.keySet().containsAll(sent.keySet()));
        } finally {
            load.shutdownNow();
            load.awaitTermination(30, TimeUnit.SECONDS);
        }
        Latencies latencies = Latencies.of(sent.entrySet().stream()
                .map(e -> (seen.get(e.getKey()) - e.getValue()) / 1_000_000)
                .toList());
        report.append(String.format(
                Locale.ROOT,
                "Capture to searchable (call sent until a search of the alias finds it; "
                        + "one call every 100 ms, searched every 50 ms, refresh interval 1 s): %s%n",
                latencies.summary()));
        return latencies;
    }

    private void call(String app, Map<String, Long> sent) throws Exception {
        long at = System.nanoTime();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + capture.port() + "/v1/chat/completions"))
                        .header("content-type", "application/json")
                        .header("authorization", "Bearer sk-bench")
                        .header("X-Thinkwatch-App", app)
                        .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model":"o3-mini","max_completion_tokens":4000,"messages":[{"role":"user","content":"hi"}]}"""))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        sent.put(response.headers().firstValue("X-Thinkwatch-Trace-Id").orElseThrow(), at);
    }

    private void poll(String app, Map<String, Long> seen) {
        try {
            var hits = client.search(
                            s -> s.index(TraceIndices.ALIAS)
                                    .size(SEARCHABLE_CALLS)
                                    .source(src -> src.filter(f -> f.includes("traceId")))
                                    .query(q -> q.term(t -> t.field("app")
                                            .value(org.opensearch.client.opensearch._types.FieldValue.of(app)))),
                            ObjectNode.class)
                    .hits()
                    .hits();
            long now = System.nanoTime();
            hits.forEach(h -> seen.putIfAbsent(h.id(), now));
        } catch (Exception e) {
            LOG.debugf("search while polling failed: %s", e.toString());
        }
    }

    // ---- 3. search over 1,000,000 traces ----

    private Latencies search() throws Exception {
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
                        List<BulkWriter.Doc> docs = documents(
                                trace -> trace, "default", Math.min(10 * BULK, perDay - done), end, dayRandom);
                        for (String body : bulkBodies(docs, null, BULK, Long.MAX_VALUE)) {
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
                        .query(q -> q.term(t -> t.field("tenant")
                                .value(org.opensearch.client.opensearch._types.FieldValue.of("default")))))
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
            var response = given().port(consolePort)
                    .auth()
                    .oauth2(adminToken)
                    .accept(ContentType.JSON)
                    .queryParam("q", q)
                    .queryParam("app", app)
                    .queryParam("model", model)
                    .get("/api/v1/traces");
            long ms = (System.nanoTime() - at) / 1_000_000;
            assertThat(response.statusCode()).isEqualTo(200);
            if (i >= 20) {
                samples.add(ms);
                totals += response.jsonPath().getLong("total");
            }
        }
        Latencies latencies = Latencies.of(samples);
        report.append(String.format(
                Locale.ROOT,
                "Search over %d stored traces (%d daily indices, loaded in %.0f s): "
                        + "GET /api/v1/traces?q=<two common words>&app=<one of %d>&model=<one of %d>, page of 50 with the exact "
                        + "total, %d queries after 20 warm-up ones, one at a time (mean total %d hits): %s%n",
                stored,
                SEARCH_DAYS,
                loadSeconds,
                APPS.length,
                MODELS.length,
                QUERIES,
                totals / QUERIES,
                latencies.summary()));
        return latencies;
    }

    private void request(String method, String path, String body, boolean allowExisting) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(openSearchUrl + path))
                        .header("content-type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300 && !(allowExisting && response.body().contains("already_exists"))) {
            throw new IllegalStateException(
                    method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    private void delete(String index) throws Exception {
        http.send(
                HttpRequest.newBuilder(URI.create(openSearchUrl + "/" + index))
                        .DELETE()
                        .build(),
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
            long reasoning = 200L + random.nextInt(20_000);
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

    /**
     * Traces to publish, held as the bytes that are sent rather than as trees, so the garbage collector has little
     * of the test's own to mark while the indexer is timed; the daily indices they fall into; their average size.
     */
    private record Backlog(List<ProducerRecord<String, byte[]>> records, List<String> indices, long averageBytes) {}

    private Backlog backlog(List<ObjectNode> traces) throws Exception {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(traces.size());
        long bytes = 0;
        for (ObjectNode trace : traces) {
            byte[] json = mapper.writeValueAsBytes(trace);
            records.add(
                    new ProducerRecord<>(Topics.TRACES, trace.path("traceId").asText(), json));
            bytes += json.length;
        }
        List<String> indices = traces.stream()
                .map(t ->
                        TraceIndices.indexFor(Instant.parse(t.path("startedAt").asText())))
                .distinct()
                .toList();
        return new Backlog(records, indices, bytes / traces.size());
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
