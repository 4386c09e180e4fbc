package io.thinkwatch.alerts;

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
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;

/**
 * Consumes {@code thinkwatch.findings} (group {@code thinkwatch-alerts}) and writes each batch to the outbox in
 * one transaction; offsets are committed only after that transaction. While PostgreSQL is away it retries with
 * backoff, polling paused partitions to stay in the group.
 */
@ApplicationScoped
public class FindingsConsumer {

    private static final Logger LOG = Logger.getLogger(FindingsConsumer.class);

    private final ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "thinkwatch-alerts-findings"));
    private volatile boolean running;
    private KafkaConsumer<String, String> consumer;

    void start(@Observes StartupEvent event, Roles roles, AlertsConfig config, FindingIntake intake,
            @Identifier("default-kafka-broker") Map<String, Object> kafka, KafkaTopicsSetup topics) {
        if (!roles.has(Role.ALERTS)) {
            return;
        }
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "thinkwatch-alerts");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        running = true;
        loop.execute(() -> run(config, intake, topics));
    }

    private void run(AlertsConfig config, FindingIntake intake, KafkaTopicsSetup topics) {
        RetryPolicy<Object> retry = RetryPolicy.builder()
                .handleIf(failure -> running)
                .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(30))
                .withJitter(0.2)
                .withMaxRetries(-1)
                .onRetry(attempt -> {
                    LOG.warnf("Writing findings to the outbox failed (attempt %d), retrying: %s",
                            attempt.getAttemptCount(), attempt.getLastException().toString());
                    keepGroupMembership();
                })
                .build();
        try {
            Failsafe.with(retry).run(() -> {
                if (!topics.ensureTopics(Duration.ofSeconds(10))) {
                    throw new IllegalStateException("Kafka topics not ready");
                }
            });
            consumer.subscribe(List.of(Topics.FINDINGS));
            LOG.infof("Alerts consuming %s as group %s", Topics.FINDINGS, config.groupId());
            while (running) {
                ConsumerRecords<String, String> records = consumer.poll(config.pollTimeout());
                if (records.isEmpty()) {
                    continue;
                }
                List<String> values = new ArrayList<>(records.count());
                records.forEach(r -> values.add(r.value()));
                Failsafe.with(retry).run(() -> intake.accept(values));
                consumer.resume(consumer.paused());
                commit(records);
            }
        } catch (WakeupException e) {
            LOG.debug("Findings consumer woken up for shutdown");
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("Findings consumer stopped unexpectedly", e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(10));
        }
    }

    /** Polls while paused so a long retry keeps the group membership; records a rebalance hands over are put back. */
    private void keepGroupMembership() {
        if (consumer.subscription().isEmpty()) {
            return;
        }
        consumer.pause(consumer.assignment());
        ConsumerRecords<String, String> unexpected = consumer.poll(Duration.ZERO);
        for (TopicPartition partition : unexpected.partitions()) {
            consumer.seek(partition, unexpected.records(partition).get(0).offset());
        }
        consumer.pause(consumer.assignment());
    }

    private void commit(ConsumerRecords<String, String> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, String>> list = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
        }
        try {
            consumer.commitSync(offsets);
        } catch (KafkaException e) {
            // Another member re-reads the batch; the stored counts per finding id make that add nothing.
            LOG.warnf("Offsets not committed after a rebalance; the batch will be read again: %s", e.toString());
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
