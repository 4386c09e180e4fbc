package io.thinkwatch.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thinkwatch.platform.Topics;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The indexer's consumer loop against Kafka's {@link MockConsumer} and a bulk writer that stands in for OpenSearch:
 * commits follow writes, a refused write keeps its poll, and an unexpected failure starts a new consumer.
 */
class IndexerLoopTest {

    private static final TopicPartition P0 = new TopicPartition(Topics.TRACES, 0);

    /** The records of the traces topic, offsets from 0, that every new consumer of the group can read. */
    private final List<ConsumerRecord<String, byte[]>> topic = new CopyOnWriteArrayList<>();
    /** The group's committed offsets, as the broker keeps them across its members. */
    private final Map<TopicPartition, OffsetAndMetadata> group = new ConcurrentHashMap<>();
    /** Each consumer the loop created, in order. */
    private final List<MockConsumer<String, byte[]>> consumers = new CopyOnWriteArrayList<>();

    private final FakeWriter writer = new FakeWriter();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private IndexerLoop loop;

    @AfterEach
    void stop() throws InterruptedException {
        loop.stop();
        thread.shutdown();
        assertThat(thread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aPollIsCommittedOnlyOnceItsDocumentsAreWritten() throws InterruptedException {
        // Given a write to OpenSearch that is under way
        CountDownLatch release = new CountDownLatch(1);
        writer.before = () -> waitFor(release);
        start();
        publish("t0", "t1");
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.attempts.get() == 1);
        assertThat(committed()).isNull();

        // When it is acknowledged
        release.countDown();

        // Then the poll's end is committed
        await().atMost(Duration.ofSeconds(10)).until(() -> committed() != null);
        assertThat(committed().offset()).isEqualTo(2);
        assertThat(writer.written).containsExactly("t0", "t1");
    }

    @Test
    void aRefusedWriteIsRetriedWithoutReadingAgainAndCommittedOnceWritten() {
        // Given OpenSearch refusing the first three attempts
        writer.before = () -> {
            if (writer.attempts.get() <= 3) {
                throw new IOException("OpenSearch away");
            }
        };
        start();

        // When a poll brings two traces
        publish("t0", "t1");

        // Then they are written once, after four attempts, and committed; the same consumer goes on
        await().atMost(Duration.ofSeconds(10)).until(() -> committed() != null);
        assertThat(writer.attempts).hasValue(4);
        assertThat(writer.written).containsExactly("t0", "t1");
        assertThat(committed().offset()).isEqualTo(2);
        assertThat(consumers).hasSize(1);
    }

    @Test
    void anUnexpectedFailureStartsANewConsumerFromTheLastCommit() {
        // Given two traces indexed and committed
        start();
        publish("t0", "t1");
        await().atMost(Duration.ofSeconds(10)).until(() -> committed() != null);

        // When the consumer fails in a way the loop does not expect, with two more traces in the topic
        add("t2");
        add("t3");
        consumers.get(0).setPollException(new KafkaException("unexpected"));

        // Then a new consumer of the group reads on from the commit: every trace written once, the restart counted
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.written.size() >= 4);
        assertThat(writer.written).containsExactly("t0", "t1", "t2", "t3");
        assertThat(consumers).hasSize(2);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> committed() != null && committed().offset() == 4);
        assertThat(registry.get("thinkwatch.indexer.restarts").counter().count())
                .isEqualTo(1);
    }

    private void start() {
        loop = new IndexerLoop(
                List.of(Topics.TRACES),
                "test-indexer",
                new TestConfig(),
                this::newConsumer,
                () -> new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()),
                writer,
                registry,
                () -> {});
        thread.execute(loop);
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        !consumers.isEmpty() && !consumers.get(0).subscription().isEmpty());
    }

    /** A member of the group that is assigned the partition, starting at the group's commit, with the topic. */
    private MockConsumer<String, byte[]> newConsumer() {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest") {
            @Override
            public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
                super.commitSync(offsets);
                group.putAll(offsets);
            }
        };
        consumer.schedulePollTask(() -> {
            consumer.updateBeginningOffsets(Map.of(P0, 0L));
            consumer.rebalance(List.of(P0));
            // The broker's group hands the partition over at its commit (MockConsumer alone would start at 0)
            OffsetAndMetadata commit = group.get(P0);
            if (commit != null) {
                consumer.seek(P0, commit.offset());
            }
            topic.forEach(consumer::addRecord);
            consumer.updateEndOffsets(Map.of(P0, (long) topic.size()));
        });
        consumers.add(consumer);
        return consumer;
    }

    /** Traces arriving while the current consumer runs. */
    private void publish(String... ids) {
        MockConsumer<String, byte[]> consumer = consumers.get(consumers.size() - 1);
        consumer.schedulePollTask(() -> {
            for (String id : ids) {
                consumer.addRecord(add(id));
            }
            consumer.updateEndOffsets(Map.of(P0, (long) topic.size()));
        });
    }

    private ConsumerRecord<String, byte[]> add(String id) {
        byte[] trace = ("{\"traceId\":\"" + id + "\",\"tenant\":\"t\",\"startedAt\":\"2026-12-01T00:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.TRACES, 0, topic.size(), id, trace);
        topic.add(record);
        return record;
    }

    private OffsetAndMetadata committed() {
        return group.get(P0);
    }

    private static void waitFor(CountDownLatch latch) throws IOException {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IOException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Stands in for OpenSearch: runs {@link #before} on each attempt, then acknowledges every document. */
    private static final class FakeWriter extends BulkWriter {

        interface Attempt {
            void run() throws IOException;
        }

        final AtomicInteger attempts = new AtomicInteger();
        final List<String> written = new CopyOnWriteArrayList<>();
        volatile Attempt before = () -> {};

        FakeWriter() {
            super(null, new ObjectMapper(), 1 << 20, 1024, Optional.empty());
        }

        @Override
        void write(List<Doc> pending, List<DeadLetter> dead) throws IOException {
            attempts.incrementAndGet();
            before.run();
            pending.forEach(doc -> written.add(doc.id()));
            pending.clear();
        }
    }

    /** The indexer's settings, short waits for a test; record accessors implement the config interface. */
    private record TestConfig(
            String groupId,
            int maxBatch,
            long maxBatchBytes,
            int concurrentWrites,
            Duration pollTimeout,
            Duration retryInitialDelay,
            Duration retryMaxDelay,
            Duration lagInterval,
            int replicas,
            int maxRequestText,
            int retentionDays,
            OptionalInt contentRetentionDays,
            Duration retentionInterval)
            implements IndexerConfig {

        TestConfig() {
            this(
                    "test-indexer",
                    500,
                    1 << 20,
                    2,
                    Duration.ofMillis(5),
                    Duration.ofMillis(10),
                    Duration.ofMillis(20),
                    Duration.ofSeconds(1),
                    0,
                    1024,
                    30,
                    OptionalInt.empty(),
                    Duration.ofHours(1));
        }
    }
}
