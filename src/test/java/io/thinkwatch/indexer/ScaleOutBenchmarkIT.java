package io.thinkwatch.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.hc.core5.http.HttpHost;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.HealthStatus;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

import io.thinkwatch.platform.Topics;
import io.thinkwatch.testing.AppProcess;
import io.thinkwatch.testing.Latencies;
import io.thinkwatch.testing.TestTraces;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Scale-out on real clusters (issue 17): a three-broker Kafka cluster (replication 3, min ISR 2) and a two-node
 * OpenSearch cluster on loopback, two captures and two indexers in processes of their own, built by this build. Under
 * steady calls through both captures, one broker, one OpenSearch node, one indexer and one capture are killed with
 * SIGKILL, one after another, each brought back before the next. Every trace a capture answered must become exactly
 * one document; the report gives, per kill, capture to searchable of the calls sent in the 5 s after it. Then the
 * indexers' throughput with two instances against one, on the same clusters, as a ratio. The indexers give each
 * index one replica ({@code thinkwatch.indexer.replicas}), so the loss of a data node loses no shard. Reports go to
 * {@code target/scale-out.txt}. The rules, alerts and console roles are not part of it yet.
 */
@EnabledIfSystemProperty(named = "thinkwatch.benchmark", matches = "true")
class ScaleOutBenchmarkIT {

    private static final Logger LOG = Logger.getLogger(ScaleOutBenchmarkIT.class);
    private static final String TENANT = "scale";
    private static final int CALLS_PER_SECOND = 20;
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final Duration AFTER_KILL = Duration.ofSeconds(15);
    private static final Duration AFTER_RESTART = Duration.ofSeconds(10);
    private static final Duration AROUND_KILL = Duration.ofSeconds(5);
    private static final int BACKLOG = Integer.getInteger("bench.scale.backlog", 20_000);

    private static Path state;
    private static String kafka;
    private static List<Integer> openSearchPorts;
    private static OpenSearchClient client;
    private static final List<AppProcess> processes = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void clusters() throws Exception {
        state = Path.of("target", "scale-out").toAbsolutePath();
        int[] k = ports(6);
        run("kafka-cluster.sh", "start", state.resolve("kafka").toString(), k[0], k[1], k[2], k[3], k[4], k[5]);
        kafka = "127.0.0.1:" + k[0] + ",127.0.0.1:" + k[2] + ",127.0.0.1:" + k[4];
        int[] o = ports(4);
        run("opensearch-cluster.sh", "start", state.resolve("opensearch").toString(), o[0], o[1], o[2], o[3]);
        openSearchPorts = List.of(o[0], o[2]);
        client = new OpenSearchClient(ApacheHttpClient5TransportBuilder.builder(
                        new HttpHost("http", "127.0.0.1", o[0]), new HttpHost("http", "127.0.0.1", o[2]))
                .setMapper(new JacksonJsonpMapper(TestTraces.JSON))
                .build());
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (AppProcess process : processes) {
            process.close();
        }
        if (client != null) {
            client._transport().close();
        }
        run("opensearch-cluster.sh", "stop", state.resolve("opensearch").toString());
        run("kafka-cluster.sh", "stop", state.resolve("kafka").toString());
    }

    @Test
    void killsOfABrokerAnOpenSearchNodeAnIndexerAndACaptureLoseNothingAndIndexNothingTwice() throws Exception {
        // Given two captures and two indexers, and calls flowing through both captures
        Capture a = capture("capture-a", 1);
        Capture b = capture("capture-b", 1);
        AppProcess indexerA = indexer("indexer-a", 1);
        indexer("indexer-b", 1);
        StringBuilder report = new StringBuilder();
        try (Traffic traffic = new Traffic(List.of(a, b))) {
            traffic.awaitCallsFor(WARM_UP);
            traffic.awaitSearchableSoFar();
            // One replica of every trace index, from the indexers' setting: a data node may go away
            assertThat(client.cat()
                            .indices(c -> c.index(TraceIndices.ALIAS + "-*"))
                            .valueBody())
                    .as("trace indices")
                    .isNotEmpty()
                    .allSatisfy(index -> assertThat(index.rep()).isEqualTo("1"));
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> client.cluster().health().status() == HealthStatus.Green);

            // When one of each is killed with SIGKILL and brought back, one after another
            long brokerKilled = traffic.kill(() -> kill(state.resolve("kafka/node-3/kafka.pid")));
            traffic.awaitCallsFor(AFTER_KILL);
            run("kafka-cluster.sh", "node", "3", "start", state.resolve("kafka").toString());
            traffic.awaitCallsFor(AFTER_RESTART);

            long nodeKilled = traffic.kill(() -> kill(state.resolve("opensearch/node-2/opensearch.pid")));
            traffic.awaitCallsFor(AFTER_KILL);
            run(
                    "opensearch-cluster.sh",
                    "node",
                    "2",
                    "start",
                    state.resolve("opensearch").toString());
            traffic.awaitCallsFor(AFTER_RESTART);

            long indexerKilled = traffic.kill(indexerA::kill);
            traffic.awaitCallsFor(AFTER_KILL);
            indexer("indexer-a", 2);
            traffic.awaitCallsFor(AFTER_RESTART);

            long captureKilled = traffic.kill(() -> traffic.killCapture(b));
            traffic.awaitCallsFor(AFTER_KILL);
            traffic.revive(capture("capture-b", 2));
            traffic.awaitCallsFor(AFTER_RESTART);
            traffic.stop();

            // Then every answered call is one document, and each kill delayed the calls around it by seconds
            Result result = traffic.awaitAllSearchable();
            report.append(String.format(
                    Locale.ROOT,
                    "Scale-out: 3 Kafka brokers, 2 OpenSearch nodes, 2 captures, 2 indexers, %d calls/s (%s)%n"
                            + "traces answered: %d, documents: %d, distinct ids: %d, written again (same id): %d,"
                            + " failed calls: %d%n",
                    CALLS_PER_SECOND,
                    Instant.ofEpochMilli(brokerKilled),
                    result.sent().size(),
                    result.documents(),
                    result.ids().size(),
                    result.writtenAgain(),
                    traffic.failed.get()));
            report.append(result.line("broker 3 killed", brokerKilled));
            report.append(result.line("OpenSearch node 2 killed", nodeKilled));
            report.append(result.line("indexer-a killed", indexerKilled));
            report.append(result.line("capture-b killed", captureKilled));
            LOG.info(report);
            Latencies.write("scale-out.txt", report.toString());
            assertThat(result.ids())
                    .as("documents of the answered calls")
                    .isEqualTo(result.sent().keySet());
            assertThat(result.documents())
                    .as("one document per trace")
                    .isEqualTo(result.sent().size());
        }

        // And the indexers' throughput, one instance against two, over the same clusters
        for (AppProcess process : processes) {
            process.close();
        }
        processes.clear();
        double one = drain(List.of("drain-1a"), "drain-1");
        double two = drain(List.of("drain-2a", "drain-2b"), "drain-2");
        String throughput = String.format(
                Locale.ROOT,
                "Indexer throughput, %d traces published at once: 1 instance %.0f traces/s, 2 instances %.0f traces/s,"
                        + " ratio %.2f%n",
                BACKLOG,
                one,
                two,
                two / one);
        LOG.info(throughput);
        Latencies.write("scale-out.txt", report + throughput);
    }

    /** Traces per second from the first publish until all {@link #BACKLOG} are searchable, with the given indexers. */
    private double drain(List<String> instances, String tenant) throws Exception {
        List<AppProcess> indexers = new ArrayList<>();
        for (String instance : instances) {
            indexers.add(indexer(instance, 1));
        }
        awaitMembersWithWork(instances.size());
        long start = System.nanoTime();
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            Instant now = Instant.now();
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (int i = 0; i < BACKLOG; i++) {
                ObjectNode trace = TestTraces.trace(tenant, tenant + "-" + i, now);
                sends.add(producer.send(new ProducerRecord<>(
                        Topics.TRACES, trace.get("traceId").asText(), TestTraces.JSON.writeValueAsBytes(trace))));
            }
            producer.flush();
            for (Future<RecordMetadata> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
        }
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> TestTraces.count(client, tenant) >= BACKLOG);
        double seconds = (System.nanoTime() - start) / 1e9;
        for (AppProcess indexer : indexers) {
            indexer.close();
            processes.remove(indexer);
        }
        return BACKLOG / seconds;
    }

    private void awaitMembersWithWork(int members) {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", kafka))) {
                        var group = admin.describeConsumerGroups(List.of("thinkwatch-indexer"))
                                .all()
                                .get()
                                .get("thinkwatch-indexer");
                        return group.members().stream()
                                        .filter(m -> !m.assignment()
                                                .topicPartitions()
                                                .isEmpty())
                                        .count()
                                == members;
                    }
                });
    }

    /** A capture process with its own simulated upstream; calls go to {@code port}. */
    private record Capture(String name, int port, AppProcess process) {}

    private static Map<String, String> common() {
        Map<String, String> p = new HashMap<>();
        p.put("kafka.bootstrap.servers", kafka);
        p.put("thinkwatch.kafka.partitions", "6");
        p.put("thinkwatch.kafka.replication-factor", "3");
        p.put("thinkwatch.indexer.replicas", "1");
        p.put(
                "thinkwatch.opensearch.url",
                "http://127.0.0.1:" + openSearchPorts.get(0) + ",http://127.0.0.1:" + openSearchPorts.get(1));
        p.put("quarkus.http.host", "127.0.0.1");
        p.put("quarkus.http.port", "0");
        return p;
    }

    private static Capture capture(String name, int start) throws IOException {
        int[] p = ports(2);
        Map<String, String> properties = common();
        properties.put("thinkwatch.roles", "capture,simulator");
        properties.put("thinkwatch.instance-id", name);
        properties.put("thinkwatch.capture.host", "127.0.0.1");
        properties.put("thinkwatch.capture.port", String.valueOf(p[0]));
        properties.put("thinkwatch.capture.default-tenant", TENANT);
        properties.put(
                "thinkwatch.capture.spool.dir", state.resolve("spool-" + name).toString());
        properties.put("thinkwatch.capture.upstreams.openai.url", "http://127.0.0.1:" + p[1]);
        properties.put("thinkwatch.simulator.port", String.valueOf(p[1]));
        properties.put("thinkwatch.simulator.latency", "5ms");
        properties.put("thinkwatch.simulator.error-rate", "0");
        properties.put("thinkwatch.simulator.truncation-rate", "0");
        AppProcess process = AppProcess.start("scale-" + name, start, properties);
        processes.add(process);
        process.awaitOutput("Capture listening", Duration.ofMinutes(3));
        return new Capture(name, p[0], process);
    }

    private static AppProcess indexer(String name, int start) throws IOException {
        Map<String, String> properties = common();
        properties.put("thinkwatch.roles", "indexer");
        properties.put("thinkwatch.instance-id", name);
        AppProcess process = AppProcess.start("scale-" + name, start, properties);
        processes.add(process);
        process.awaitOutput("Indexer consuming", Duration.ofMinutes(3));
        return process;
    }

    /** SIGKILL of the process whose id {@code pidFile} holds (a broker or a node the scripts started). */
    private static void kill(Path pidFile) throws IOException {
        long pid =
                Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).strip());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
    }

    private static int[] ports(int count) throws IOException {
        int[] ports = new int[count];
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
        return ports;
    }

    /** Runs a deploy/local script with the arguments; its output goes to target/scale-out.log. */
    private static void run(String script, Object... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "deploy/local/" + script));
        for (Object arg : args) {
            command.add(String.valueOf(arg));
        }
        File log = new File("target/scale-out.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        builder.environment().put("OPENSEARCH_READY_TIMEOUT", "300");
        builder.environment().put("KAFKA_READY_TIMEOUT", "300");
        Process process = builder.start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES))
                .as("%s finished", command)
                .isTrue();
        assertThat(process.exitValue()).as("%s, see %s", command, log).isZero();
    }

    @FunctionalInterface
    private interface Kill {
        void run() throws Exception;
    }

    /**
     * Calls at a steady rate, taking turns between the live captures, each remembered with the time it was sent; a
     * watcher searches the tenant's traces every 200 ms and remembers when each became searchable.
     */
    private static final class Traffic implements AutoCloseable {

        private final List<Capture> captures;
        private final Set<String> dead = ConcurrentHashMap.newKeySet();
        private final HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final Map<String, Long> sent = new ConcurrentHashMap<>();
        /** The capture that answered each call, for the report of traces never found. */
        private final Map<String, String> answeredBy = new ConcurrentHashMap<>();

        private final Map<String, Long> searchable = new ConcurrentHashMap<>();
        private final List<CompletableFuture<?>> answers = new CopyOnWriteArrayList<>();
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicInteger made = new AtomicInteger();
        private final AtomicLong turn = new AtomicLong();
        private final ScheduledExecutorService calls = Executors.newSingleThreadScheduledExecutor();
        private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
        private final ScheduledFuture<?> calling;
        private final ScheduledFuture<?> watching;

        Traffic(List<Capture> captures) {
            this.captures = new CopyOnWriteArrayList<>(captures);
            calling = calls.scheduleAtFixedRate(this::call, 0, 1000 / CALLS_PER_SECOND, TimeUnit.MILLISECONDS);
            watching = watcher.scheduleWithFixedDelay(this::watch, 0, 200, TimeUnit.MILLISECONDS);
        }

        void awaitCallsFor(Duration span) {
            long target = made.get() + span.toMillis() * CALLS_PER_SECOND / 1000;
            await().atMost(span.plus(Duration.ofSeconds(30)))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> made.get() >= target);
        }

        /** Runs the kill; returns when it happened. */
        long kill(Kill kill) throws Exception {
            long at = System.currentTimeMillis();
            kill.run();
            return at;
        }

        /** No more calls to {@code capture} (as a load balancer would notice), then SIGKILL. */
        void killCapture(Capture capture) throws InterruptedException {
            dead.add(capture.name());
            capture.process().kill();
        }

        void revive(Capture capture) {
            captures.removeIf(c -> c.name().equals(capture.name()));
            captures.add(capture);
            dead.remove(capture.name());
        }

        private void call() {
            List<Capture> live =
                    captures.stream().filter(c -> !dead.contains(c.name())).toList();
            Capture capture = live.get((int) (turn.getAndIncrement() % live.size()));
            made.incrementAndGet();
            long at = System.currentTimeMillis();
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + capture.port() + "/v1/chat/completions"))
                    .header("content-type", "application/json")
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
                            answeredBy.put(traceId, capture.name());
                            sent.put(traceId, at);
                        }
                        return traceId;
                    }));
        }

        /** Searches for the answered calls not seen yet (by id: a run holds more traces than one search returns). */
        private void watch() {
            try {
                long now = System.currentTimeMillis();
                List<String> pending = sent.keySet().stream()
                        .filter(id -> !searchable.containsKey(id))
                        .limit(10_000)
                        .toList();
                if (pending.isEmpty()) {
                    return;
                }
                var found = client.search(
                        s -> s.index(TraceIndices.ALIAS)
                                .size(pending.size())
                                .source(src -> src.fetch(false))
                                .query(q -> q.ids(i -> i.values(pending))),
                        ObjectNode.class);
                for (Hit<ObjectNode> hit : found.hits().hits()) {
                    searchable.putIfAbsent(hit.id(), now);
                }
            } catch (IOException | RuntimeException e) {
                // no index yet, or a node away: the next search tries again
            }
        }

        private org.opensearch.client.opensearch.core.SearchResponse<ObjectNode> search() throws IOException {
            return client.search(
                    s -> s.index(TraceIndices.ALIAS)
                            .size(10_000)
                            .version(true)
                            .trackTotalHits(t -> t.enabled(true))
                            .source(src -> src.fetch(false))
                            .query(q -> q.term(t -> t.field("tenant").value(FieldValue.of(TENANT)))),
                    ObjectNode.class);
        }

        void stop() throws Exception {
            calling.cancel(false);
            calls.shutdown();
            assertThat(calls.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }

        /** Waits until the calls answered so far are searchable (the day's index made, the indexers warm). */
        void awaitSearchableSoFar() {
            Set<String> answered = Set.copyOf(sent.keySet());
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> searchable.keySet().containsAll(answered));
        }

        /** After {@link #stop()}: waits until every answered call is searchable, and reads the documents. */
        Result awaitAllSearchable() throws IOException {
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
            try {
                await().atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> searchable.keySet().containsAll(sent.keySet()));
            } catch (ConditionTimeoutException e) {
                // Which calls, answered by which capture and when, to tell a trace lost from one late
                List<String> missing = sent.keySet().stream()
                        .filter(id -> !searchable.containsKey(id))
                        .sorted()
                        .toList();
                throw new AssertionError(
                        missing.size() + " of " + sent.size() + " answered calls never searchable, e.g. "
                                + missing.stream()
                                        .limit(20)
                                        .map(id -> id + " (" + answeredBy.get(id) + ", sent "
                                                + Instant.ofEpochMilli(sent.get(id)) + ")")
                                        .toList(),
                        e);
            }
            client.indices().refresh(r -> r.index(TraceIndices.ALIAS));
            var hits = search().hits();
            // The documents found by id (the watcher); the total counts every document of the tenant, so equal to
            // the calls means none twice. Written again is read from the first 10,000 hits only.
            Set<String> ids = new HashSet<>(searchable.keySet());
            long writtenAgain = 0;
            for (Hit<ObjectNode> hit : hits.hits()) {
                if (hit.version() != null && hit.version() > 1) {
                    writtenAgain++;
                }
            }
            return new Result(
                    Map.copyOf(sent), Map.copyOf(searchable), hits.total().value(), ids, writtenAgain);
        }

        @Override
        public void close() {
            calling.cancel(false);
            watching.cancel(false);
            calls.shutdownNow();
            watcher.shutdownNow();
        }
    }

    private record Result(
            Map<String, Long> sent, Map<String, Long> searchable, long documents, Set<String> ids, long writtenAgain) {

        /** Capture to searchable of the calls sent within {@link #AROUND_KILL} after {@code killedAt}. */
        String line(String what, long killedAt) {
            Latencies after = Latencies.of(sent.entrySet().stream()
                    .filter(e -> e.getValue() >= killedAt && e.getValue() - killedAt <= AROUND_KILL.toMillis())
                    .map(e -> searchable.get(e.getKey()) - e.getValue())
                    .toList());
            return String.format(
                    Locale.ROOT,
                    "%s: capture to searchable of calls sent within %d s after: %s%n",
                    what,
                    AROUND_KILL.toSeconds(),
                    after.summary());
        }
    }
}
