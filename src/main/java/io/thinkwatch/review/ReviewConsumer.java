package io.thinkwatch.review;

import java.io.IOException;
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
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.thinkwatch.model.Finding;
import io.thinkwatch.platform.KafkaTopicsSetup;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;
import io.thinkwatch.platform.Topics;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;

/**
 * Files every finding of {@code thinkwatch.findings} as a review item, in the rules role. Each poll is written in
 * one transaction; offsets are committed after it. Upserts are idempotent by finding id, so records read twice
 * (after a crash or a rebalance) change nothing. Reads only committed records of the exactly-once engine.
 */
@ApplicationScoped
public class ReviewConsumer {

    private static final Logger LOG = Logger.getLogger(ReviewConsumer.class);

    private final ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "thinkwatch-review"));
    private volatile boolean running;
    private KafkaConsumer<String, byte[]> consumer;
    private Counter filed;
    private Counter unreadable;

    void start(@Observes StartupEvent event, Roles roles, ReviewConfig config, ReviewStore store, ObjectMapper mapper,
            @Identifier("default-kafka-broker") Map<String, Object> kafka, KafkaTopicsSetup topics,
            MeterRegistry registry) {
        if (!roles.has(Role.RULES)) {
            return;
        }
        filed = registry.counter("thinkwatch.review.findings", "outcome", "stored");
        unreadable = registry.counter("thinkwatch.review.findings", "outcome", "unreadable");
        consumer = new KafkaConsumer<>(consumerConfig(kafka, config), new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        loop.execute(() -> run(config, store, mapper, topics));
    }

    static Map<String, Object> consumerConfig(Map<String, Object> kafka, ReviewConfig config) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxBatch());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "thinkwatch-review");
        return props;
    }

    private void run(ReviewConfig config, ReviewStore store, ObjectMapper mapper, KafkaTopicsSetup topics) {
        RetryPolicy<Object> retry = RetryPolicy.builder()
                .handleIf(failure -> running && !(failure instanceof WakeupException))
                .withBackoff(config.retryInitialDelay(), config.retryMaxDelay())
                .withJitter(0.2)
                .withMaxRetries(-1)
                .onRetry(attempt -> LOG.warnf("Filing findings failed, retrying: %s", attempt.getLastException().toString()))
                .build();
        try {
            topics.ensureTopics(Duration.ofSeconds(10));
            consumer.subscribe(List.of(Topics.FINDINGS));
            LOG.infof("Review queue consuming %s as group %s", Topics.FINDINGS, config.groupId());
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(config.pollTimeout());
                if (records.isEmpty()) {
                    continue;
                }
                List<Finding> findings = read(records, mapper);
                Failsafe.with(retry).run(() -> QuarkusTransaction.requiringNew().run(() -> findings.forEach(store::upsert)));
                commit();
                filed.increment(findings.size());
            }
        } catch (WakeupException e) {
            LOG.debug("Review consumer woken up for shutdown");
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("Review consumer stopped unexpectedly", e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(10));
        }
    }

    private List<Finding> read(ConsumerRecords<String, byte[]> records, ObjectMapper mapper) {
        List<Finding> findings = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                Finding finding = mapper.readValue(record.value(), Finding.class);
                if (finding == null || !finding.isComplete()) {
                    throw new IOException("a finding needs findingId, tenant, ruleId and severity");
                }
                findings.add(finding);
            } catch (IOException | RuntimeException e) {
                unreadable.increment();
                LOG.warnf("Skipped an unreadable finding at %s-%d@%d: %s", record.topic(), record.partition(),
                        record.offset(), e.getClass().getSimpleName());
            }
        }
        return findings;
    }

    private void commit() {
        try {
            consumer.commitSync();
        } catch (KafkaException e) {
            // Partitions moved to another member, which reads them again; upserts make that harmless.
            LOG.warnf("Offsets not committed after a rebalance: %s", e.toString());
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
