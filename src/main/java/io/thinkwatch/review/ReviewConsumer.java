package io.thinkwatch.review;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.thinkwatch.model.Finding;
import io.thinkwatch.platform.ConsumerLoop;
import io.thinkwatch.platform.GroupMember;
import io.thinkwatch.platform.KafkaTopicsSetup;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;
import io.thinkwatch.platform.Topics;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Files every finding of {@code thinkwatch.findings} as a review item, in the rules role. Each poll is written in
 * one transaction, retried while PostgreSQL is away; offsets are committed after it. Upserts are idempotent by
 * finding id, so records read twice (after a crash or a rebalance) change nothing. Reads only committed records of
 * the exactly-once engine.
 */
@ApplicationScoped
public class ReviewConsumer {

    private static final Logger LOG = Logger.getLogger(ReviewConsumer.class);

    private ConsumerLoop<byte[]> loop;
    private Counter filed;
    private Counter unreadable;

    void start(
            @Observes StartupEvent event,
            Roles roles,
            ReviewConfig config,
            ReviewService store,
            ObjectMapper mapper,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            KafkaTopicsSetup topics,
            GroupMember member,
            MeterRegistry registry) {
        if (!roles.has(Role.RULES)) {
            return;
        }
        filed = registry.counter("thinkwatch.review.findings", "outcome", "stored");
        unreadable = registry.counter("thinkwatch.review.findings", "outcome", "unreadable");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                consumerConfig(kafka, member.settings(), config),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        loop = new ConsumerLoop<>("Review queue", consumer, records -> {
            List<Finding> findings = read(records, mapper);
            return () -> {
                QuarkusTransaction.requiringNew().run(() -> findings.forEach(store::upsert));
                filed.increment(findings.size());
            };
        });
        loop.start(Topics.FINDINGS, topics, config.pollTimeout(), config.retryInitialDelay(), config.retryMaxDelay());
    }

    static Map<String, Object> consumerConfig(
            Map<String, Object> kafka, Map<String, Object> membership, ReviewConfig config) {
        Map<String, Object> props = GroupMember.consumerSettings(membership, kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxBatch());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "thinkwatch-review");
        return props;
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
                LOG.warnf(
                        "Skipped an unreadable finding at %s-%d@%d: %s",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        e.getClass().getSimpleName());
            }
        }
        return findings;
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (loop != null) {
            loop.stop();
        }
    }
}
