package io.thinkwatch.platform;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;

/** Creates Thinkwatch's topics if they are missing; safe to call from several instances at once. */
@ApplicationScoped
public class KafkaTopicsSetup {

    private static final Logger LOG = Logger.getLogger(KafkaTopicsSetup.class);

    private final Map<String, Object> kafka;
    private final int partitions;
    private final short replicationFactor;
    private volatile boolean done;

    public KafkaTopicsSetup(
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "thinkwatch.kafka.partitions", defaultValue = "3") int partitions,
            @ConfigProperty(name = "thinkwatch.kafka.replication-factor", defaultValue = "1") short replicationFactor) {
        this.kafka = kafka;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    /** Ensures every topic exists; returns false (and logs) when Kafka cannot be reached in time. */
    public synchronized boolean ensureTopics(Duration timeout) {
        if (done) {
            return true;
        }
        try (Admin admin = Admin.create(kafka)) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing =
                    List.of(Topics.TRACES, Topics.TRACES_DLQ, Topics.FINDINGS, Topics.FINDINGS_DLQ).stream()
                            .filter(name -> !existing.contains(name))
                            .map(name -> new NewTopic(name, partitions, replicationFactor))
                            .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
            if (!existing.contains(Topics.UNRECORDED_CALLS)) {
                missing.add(new NewTopic(Topics.UNRECORDED_CALLS, partitions, replicationFactor)
                        .configs(Map.of(
                                "retention.ms",
                                String.valueOf(Duration.ofDays(1).toMillis()))));
            }
            for (String compacted : List.of(Topics.CAPTURE_KEYS, Topics.AUDIT_CHECKPOINTS)) {
                if (!existing.contains(compacted)) {
                    missing.add(
                            new NewTopic(compacted, 1, replicationFactor).configs(Map.of("cleanup.policy", "compact")));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                LOG.infof(
                        "Created Kafka topics %s",
                        missing.stream().map(NewTopic::name).toList());
            }
            done = true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException) {
                done = true;
            } else {
                LOG.warnf("Could not create Kafka topics: %s", e.getCause().toString());
            }
        } catch (TimeoutException e) {
            LOG.warnf("Kafka did not answer within %s while creating topics", timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return done;
    }

    /**
     * How many partitions {@code topic} has on the broker; the configured number ({@code thinkwatch.kafka.partitions})
     * when the broker does not answer in time.
     */
    public int partitions(String topic, Duration timeout) {
        try (Admin admin = Admin.create(kafka)) {
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic)
                    .partitions()
                    .size();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("Could not read the partitions of %s, assuming %d: %s", topic, partitions, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return partitions;
    }
}
