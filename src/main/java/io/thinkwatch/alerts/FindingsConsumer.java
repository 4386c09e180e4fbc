package io.thinkwatch.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.thinkwatch.platform.ConsumerLoop;
import io.thinkwatch.platform.GroupMember;
import io.thinkwatch.platform.KafkaTopicsSetup;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;
import io.thinkwatch.platform.Topics;

/**
 * Consumes {@code thinkwatch.findings} (group {@code thinkwatch-alerts}) and writes each batch to the outbox in
 * one transaction; offsets are committed only after that transaction. While PostgreSQL is away it retries with
 * backoff, polling paused partitions to stay in the group.
 */
@ApplicationScoped
public class FindingsConsumer {

    private ConsumerLoop<String> loop;

    void start(
            @Observes StartupEvent event,
            Roles roles,
            AlertsConfig config,
            FindingIntake intake,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            KafkaTopicsSetup topics,
            GroupMember member) {
        if (!roles.has(Role.ALERTS)) {
            return;
        }
        Map<String, Object> props = GroupMember.consumerSettings(member.settings(), kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "thinkwatch-alerts");
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        loop = new ConsumerLoop<>("Alerts findings", consumer, records -> {
            List<String> values = new ArrayList<>(records.count());
            records.forEach(r -> values.add(r.value()));
            return () -> intake.accept(values);
        });
        loop.start(Topics.FINDINGS, topics, config.pollTimeout(), Duration.ofMillis(200), Duration.ofSeconds(30));
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (loop != null) {
            loop.stop();
        }
    }
}
