package io.thinkwatch.indexer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.thinkwatch.platform.KafkaTopicsSetup;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;
import io.thinkwatch.platform.Topics;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.opensearch.client.opensearch.OpenSearchClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;

/**
 * Consumes {@code thinkwatch.traces} and writes each batch to OpenSearch. Offsets are committed only after
 * every record of the batch is indexed or in the dead-letter topic; while OpenSearch refuses or is away, the
 * consumer pauses (staying in its group) and retries with backoff.
 */
@ApplicationScoped
public class TraceIndexer {

    private static final Logger LOG = Logger.getLogger(TraceIndexer.class);

    private final ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "thinkwatch-indexer"));
    private volatile boolean running;
    private KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> dlqProducer;
    private Counter indexed;
    private Counter deadLettered;

    void start(@Observes StartupEvent event, Roles roles, IndexerConfig config, OpenSearchClient client,
            ObjectMapper mapper, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            KafkaTopicsSetup topics, MeterRegistry registry) {
        if (!roles.has(Role.INDEXER)) {
            return;
        }
        indexed = registry.counter("thinkwatch.indexer.documents", "outcome", "indexed");
        deadLettered = registry.counter("thinkwatch.indexer.documents", "outcome", "dead_letter");
        consumer = new KafkaConsumer<>(consumerConfig(kafka, config), new StringDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> producerConfig = new HashMap<>(kafka);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "thinkwatch-indexer-dlq");
        dlqProducer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        running = true;
        BulkWriter writer = new BulkWriter(client, mapper);
        DeadLetters deadLetters = new DeadLetters(dlqProducer);
        loop.execute(() -> run(config, client, writer, deadLetters, topics));
    }

    static Map<String, Object> consumerConfig(Map<String, Object> kafka, IndexerConfig config) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxBatch());
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "thinkwatch-indexer");
        return props;
    }

    private void run(IndexerConfig config, OpenSearchClient client, BulkWriter writer, DeadLetters deadLetters,
            KafkaTopicsSetup topics) {
        RetryPolicy<Object> retry = RetryPolicy.builder()
                .handleIf(failure -> running)
                .withBackoff(config.retryInitialDelay(), config.retryMaxDelay())
                .withJitter(0.2)
                .withMaxRetries(-1)
                .onRetry(attempt -> {
                    LOG.warnf("Indexing attempt %d failed, retrying: %s", attempt.getAttemptCount(),
                            attempt.getLastException().toString());
                    keepGroupMembership();
                })
                .build();
        try {
            Failsafe.with(retry).run(() -> {
                topics.ensureTopics(Duration.ofSeconds(10));
                TraceIndices.installTemplate(client);
            });
            consumer.subscribe(List.of(Topics.TRACES));
            LOG.infof("Indexer consuming %s as group %s", Topics.TRACES, config.groupId());
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(config.pollTimeout());
                if (records.isEmpty()) {
                    continue;
                }
                List<BulkWriter.DeadLetter> dead = new ArrayList<>();
                List<BulkWriter.Doc> pending = writer.documents(records, dead);
                Failsafe.with(retry).run(() -> writer.write(pending, dead));
                Failsafe.with(retry).run(() -> deadLetters.send(dead));
                consumer.resume(consumer.paused());
                commit(records);
                indexed.increment(records.count() - dead.size());
                deadLettered.increment(dead.size());
            }
        } catch (WakeupException e) {
            LOG.debug("Indexer woken up for shutdown");
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("Indexer stopped unexpectedly", e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(10));
            dlqProducer.close(Duration.ofSeconds(10));
        }
    }

    /**
     * Polls while paused so the group keeps this member during long retries. A rebalance may hand over
     * partitions that are not paused; their records are put back by seeking, so nothing is skipped.
     */
    private void keepGroupMembership() {
        if (consumer.subscription().isEmpty()) {
            return;
        }
        consumer.pause(consumer.assignment());
        ConsumerRecords<String, byte[]> unexpected = consumer.poll(Duration.ZERO);
        for (TopicPartition partition : unexpected.partitions()) {
            consumer.seek(partition, unexpected.records(partition).get(0).offset());
        }
        consumer.pause(consumer.assignment());
    }

    private void commit(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> list = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
        }
        try {
            consumer.commitSync(offsets);
        } catch (KafkaException e) {
            // The partitions moved to another member, which re-reads them; document ids make that harmless.
            LOG.warnf("Offsets not committed after a rebalance, the batch will be indexed again: %s", e.toString());
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (running) {
            running = false;
            consumer.wakeup();
        }
        loop.shutdown();
        if (!loop.awaitTermination(20, TimeUnit.SECONDS)) {
            loop.shutdownNow();
        }
    }
}
