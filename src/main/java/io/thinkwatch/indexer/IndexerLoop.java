package io.thinkwatch.indexer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.thinkwatch.platform.ConsumerLoop;
import io.thinkwatch.platform.GroupMember;
import io.thinkwatch.platform.GroupMembership;
import io.thinkwatch.platform.RestartBackoff;
import io.thinkwatch.platform.WriteRetry;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedRunnable;

/**
 * One consumer of the indexed topics ({@code thinkwatch.traces} and {@code thinkwatch.findings} in production,
 * see {@link IndexedTopic}) writing each poll to OpenSearch. The consumer's thread reads and prepares polls;
 * up to {@code concurrent-writes} of them are written at once on bulk threads ({@link WritesInFlight}). A poll's
 * offsets are committed only after every record of it and of every earlier poll is indexed or in the dead-letter
 * topic; while OpenSearch refuses or is away, the writes retry with backoff and the consumer waits with its
 * partitions paused, staying in its group. An unexpected failure ends the consumer, not the indexer: it is logged
 * and counted ({@code thinkwatch.indexer.restarts}), and a new consumer starts from the last committed offsets
 * after a backoff. Runs until {@link #stop()}.
 */
final class IndexerLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(IndexerLoop.class);
    /** Longest wait for records while writes are in flight, so a finished write is committed soon. */
    private static final Duration WHILE_WRITING = Duration.ofMillis(20);
    /** Longest wait for the consumer to commit nothing more and leave its group on a stop or restart. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final List<String> topics;
    private final String groupId;
    private final IndexerConfig config;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Supplier<Producer<String, byte[]>> producers;
    private final BulkWriter writer;
    private final Counter indexed;
    private final Counter deadLettered;
    private final Counter restarts;
    private final ConsumerLag lag;
    private final CheckedRunnable setup;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Consumer<String, byte[]> consumer;

    /**
     * A loop with Kafka clients built from {@code kafka}, the application's Kafka configuration; its consumers take
     * {@code membership} too (instance id, session: {@link GroupMember#settings()}).
     */
    static IndexerLoop of(
            List<String> topics,
            String groupId,
            IndexerConfig config,
            Map<String, Object> kafka,
            Map<String, Object> membership,
            BulkWriter writer,
            MeterRegistry registry,
            CheckedRunnable setup) {
        Map<String, Object> producerConfig = new HashMap<>(kafka);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "thinkwatch-indexer-dlq-" + groupId);
        return new IndexerLoop(
                topics,
                groupId,
                config,
                () -> new KafkaConsumer<>(
                        consumerConfig(kafka, membership, groupId, config),
                        new StringDeserializer(),
                        new ByteArrayDeserializer()),
                () -> new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer()),
                writer,
                registry,
                setup);
    }

    /**
     * @param consumers a new consumer of the group, for each start and restart
     * @param producers a new producer of the dead-letter topic, beside each consumer
     * @param setup run (and retried) before consuming: creates topics and installs the index template
     */
    IndexerLoop(
            List<String> topics,
            String groupId,
            IndexerConfig config,
            Supplier<Consumer<String, byte[]>> consumers,
            Supplier<Producer<String, byte[]>> producers,
            BulkWriter writer,
            MeterRegistry registry,
            CheckedRunnable setup) {
        this.topics = List.copyOf(topics);
        this.groupId = groupId;
        this.config = config;
        this.consumers = consumers;
        this.producers = producers;
        this.writer = writer;
        this.indexed = Counter.builder("thinkwatch.indexer.documents")
                .tag("group", groupId)
                .tag("outcome", "indexed")
                .register(registry);
        this.deadLettered = Counter.builder("thinkwatch.indexer.documents")
                .tag("group", groupId)
                .tag("outcome", "dead_letter")
                .register(registry);
        this.restarts = Counter.builder("thinkwatch.indexer.restarts")
                .description("Consumers of the indexer ended by an unexpected failure and started again")
                .tag("group", groupId)
                .register(registry);
        this.lag = new ConsumerLag(registry, groupId, config.lagInterval());
        this.setup = setup;
    }

    static Map<String, Object> consumerConfig(
            Map<String, Object> kafka, Map<String, Object> membership, String groupId, IndexerConfig config) {
        Map<String, Object> props = GroupMember.consumerSettings(membership, kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxBatch());
        // Fetches stay at Kafka's 1 MiB per partition: fetching max-batch-bytes (8 MiB) per partition filled polls,
        // but made OpenSearch, sharing the machine, slower per document
        // (decisions/0011-indexer-writes-while-reading.md)
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "thinkwatch-indexer-" + groupId);
        return props;
    }

    @Override
    public void run() {
        RestartBackoff restart = new RestartBackoff(config.retryInitialDelay(), config.retryMaxDelay());
        while (running) {
            try {
                session();
            } catch (WakeupException e) {
                LOG.debug("Indexer woken up for shutdown");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | ExecutionException e) {
                if (running) {
                    Duration pause = restart.next();
                    restarts.increment();
                    LOG.errorf(
                            e,
                            "Indexer consumer failed; a new one starts in %s from the last committed offsets",
                            pause);
                    if (awaitStop(pause)) {
                        return;
                    }
                }
            }
        }
    }

    /** One consumer's life: from its creation to the stop or a failure. */
    private void session() throws InterruptedException, ExecutionException {
        Consumer<String, byte[]> created = consumers.get();
        try (Producer<String, byte[]> dlqProducer = producers.get()) {
            consumer = created;
            if (running) {
                consume(new DeadLetters(dlqProducer));
            }
        } finally {
            // Leaving, also as a static member: the group hands the partitions on now, not after a session
            GroupMember.leave(created, CLOSE_TIMEOUT);
        }
    }

    /** Waits up to {@code pause}; true when the loop was stopped (or its thread interrupted) meanwhile. */
    private boolean awaitStop(Duration pause) {
        try {
            return stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void consume(DeadLetters deadLetters) throws InterruptedException, ExecutionException {
        // Retried on the bulk threads, which do not touch the consumer: this thread keeps the group's membership
        RetryPolicy<Object> retry = WriteRetry.untilStopped(
                "Indexer", () -> running, config.retryInitialDelay(), config.retryMaxDelay(), () -> {});
        Failsafe.with(retry).run(setup);
        consumer.subscribe(topics);
        LOG.infof(
                "Indexer consuming %s as group %s, up to %d bulk writes at once",
                topics, groupId, config.concurrentWrites());
        ExecutorService bulks =
                Executors.newFixedThreadPool(config.concurrentWrites(), task -> new Thread(task, "thinkwatch-bulk"));
        // One poll more than the bulk threads: prepared and queued, it starts the moment a write finishes (writes
        // sharing OpenSearch's cores tend to finish together, and the node would wait while the next is prepared)
        WritesInFlight writes = new WritesInFlight(config.concurrentWrites() + 1);
        try {
            while (running) {
                commit(writes.takeFinished());
                if (writes.isFull()) {
                    // Reading on would only fill memory: wait for the oldest write, keeping the group's membership
                    if (!writes.awaitOldest(config.pollTimeout())) {
                        keepGroupMembership();
                    }
                    continue;
                }
                consumer.resume(consumer.paused());
                ConsumerRecords<String, byte[]> records =
                        consumer.poll(writes.isEmpty() ? config.pollTimeout() : WHILE_WRITING);
                lag.update(consumer);
                if (!records.isEmpty()) {
                    // Read and prepared here while earlier polls are still being written, then written on a bulk thread
                    List<BulkWriter.DeadLetter> dead = new ArrayList<>();
                    List<BulkWriter.Doc> pending = writer.documents(records, dead);
                    writes.add(new WritesInFlight.Write(
                            ConsumerLoop.ends(records),
                            records.count(),
                            dead,
                            CompletableFuture.runAsync(
                                    () -> {
                                        Failsafe.with(retry).run(() -> writer.write(pending, dead));
                                        Failsafe.with(retry).run(() -> deadLetters.send(dead));
                                    },
                                    bulks)));
                }
            }
        } finally {
            // Writes not finished are not committed: their records are read again, and document ids make that harmless
            bulks.shutdownNow();
            bulks.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Polls while paused so the group keeps this member while it waits for a write ({@link GroupMembership}). */
    private void keepGroupMembership() {
        GroupMembership.keep(consumer);
        lag.update(consumer);
    }

    /** Commits what finished writes allow, for the partitions this member still has. */
    private void commit(WritesInFlight.Finished finished) {
        if (finished.offsets().isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(finished.offsets());
        // A partition handed to another member is read again from its last commit there; a late commit from here
        // could only move it back, so it is left out
        offsets.keySet().retainAll(consumer.assignment());
        try {
            consumer.commitSync(offsets);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // The partitions moved to another member, which re-reads them; document ids make that harmless.
            LOG.warnf("Offsets not committed after a rebalance, the batch will be indexed again: %s", e.toString());
        }
        indexed.increment(finished.indexed());
        deadLettered.increment(finished.deadLettered());
    }

    /** Asks the loop to end; it closes its consumer and producer on its own thread. */
    void stop() {
        running = false;
        stopped.countDown();
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** Last consumer lag read from the broker. */
    long lag() {
        return lag.total();
    }
}
