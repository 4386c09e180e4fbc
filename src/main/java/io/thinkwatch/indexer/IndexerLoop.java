package io.thinkwatch.indexer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
import dev.failsafe.function.CheckedRunnable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One consumer of the indexed topics ({@code thinkwatch.traces} and {@code thinkwatch.findings} in production,
 * see {@link IndexedTopic}) writing each batch to OpenSearch. Offsets are committed only
 * after every record of the batch is indexed or in the dead-letter topic; while OpenSearch refuses or is
 * away, the consumer pauses (staying in its group) and retries with backoff. Runs on one thread until
 * {@link #stop()}.
 */
final class IndexerLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(IndexerLoop.class);

    private final List<String> topics;
    private final String groupId;
    private final IndexerConfig config;
    private final Map<String, Object> kafka;
    private final BulkWriter writer;
    private final Counter indexed;
    private final Counter deadLettered;
    private final ConsumerLag lag;
    private final CheckedRunnable setup;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    /**
     * @param setup run (and retried) before consuming: creates topics and installs the index template
     */
    IndexerLoop(List<String> topics, String groupId, IndexerConfig config, Map<String, Object> kafka, OpenSearchClient client,
            ObjectMapper mapper, MeterRegistry registry, CheckedRunnable setup) {
        this.topics = List.copyOf(topics);
        this.groupId = groupId;
        this.config = config;
        this.kafka = kafka;
        this.writer = new BulkWriter(client, mapper, config.maxBatchBytes(), config.maxRequestText());
        this.indexed = Counter.builder("thinkwatch.indexer.documents").tag("group", groupId).tag("outcome", "indexed")
                .register(registry);
        this.deadLettered = Counter.builder("thinkwatch.indexer.documents").tag("group", groupId)
                .tag("outcome", "dead_letter").register(registry);
        this.lag = new ConsumerLag(registry, groupId, config.lagInterval());
        this.setup = setup;
    }

    static Map<String, Object> consumerConfig(Map<String, Object> kafka, String groupId, IndexerConfig config) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxBatch());
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "thinkwatch-indexer-" + groupId);
        return props;
    }

    @Override
    public void run() {
        Map<String, Object> producerConfig = new HashMap<>(kafka);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "thinkwatch-indexer-dlq-" + groupId);
        try (KafkaConsumer<String, byte[]> kafkaConsumer = new KafkaConsumer<>(consumerConfig(kafka, groupId, config),
                new StringDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<String, byte[]> dlqProducer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                        new ByteArraySerializer())) {
            consumer = kafkaConsumer;
            if (running) {
                consume(new DeadLetters(dlqProducer));
            }
        } catch (WakeupException e) {
            LOG.debug("Indexer woken up for shutdown");
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("Indexer stopped unexpectedly", e);
            }
        }
    }

    private void consume(DeadLetters deadLetters) {
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
        Failsafe.with(retry).run(setup);
        consumer.subscribe(topics);
        LOG.infof("Indexer consuming %s as group %s", topics, groupId);
        while (running) {
            ConsumerRecords<String, byte[]> records = consumer.poll(config.pollTimeout());
            lag.update(consumer);
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
        lag.update(consumer);
    }

    private void commit(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> list = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
        }
        try {
            consumer.commitSync(offsets);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // The partitions moved to another member, which re-reads them; document ids make that harmless.
            LOG.warnf("Offsets not committed after a rebalance, the batch will be indexed again: %s", e.toString());
        }
    }

    /** Asks the loop to end; it closes its consumer and producer on its own thread. */
    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** Last consumer lag read from the broker. */
    long lag() {
        return lag.total();
    }
}
