package io.thinkwatch.security.checkpoint;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.thinkwatch.platform.KafkaTopicsSetup;
import io.thinkwatch.platform.RestartBackoff;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;
import io.thinkwatch.security.AuditCheckpoint;
import io.thinkwatch.security.AuditLog;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The audit chain's checkpoints on the console role: follows {@code thinkwatch.audit-checkpoints} into a
 * {@link CheckpointBook} and, every {@code thinkwatch.audit.chain.checkpoint-interval} once the book has read the
 * topic, checkpoints each tenant whose chain grew. Elsewhere the book stays empty and nothing is sent.
 */
@ApplicationScoped
public class AuditCheckpoints {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);

    private final Roles roles;
    private final Map<String, Object> kafka;
    private final KafkaTopicsSetup topics;
    private final AuditLog audit;
    private final CheckpointCodec codec;
    private final CheckpointBook book = new CheckpointBook();
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Producer<String, String> producer;
    private volatile CheckpointPublisher publisher;
    private volatile CheckpointFollower follower;

    public AuditCheckpoints(
            Roles roles,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            KafkaTopicsSetup topics,
            AuditLog audit,
            ObjectMapper mapper) {
        this.roles = roles;
        this.kafka = kafka;
        this.topics = topics;
        this.audit = audit;
        this.codec = new CheckpointCodec(mapper);
    }

    void onStart(@Observes StartupEvent event) {
        if (!roles.has(Role.CONSOLE)) {
            return;
        }
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "thinkwatch-audit-checkpoints");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis() - 1000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        publisher = new CheckpointPublisher(producer, book, audit::grown, codec, Clock.systemUTC(), SEND_TIMEOUT);
        follower = new CheckpointFollower(this::consumer, book, codec, Duration.ofMillis(500))
                .start(new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30)));
    }

    @Scheduled(
            every = "${thinkwatch.audit.chain.checkpoint-interval:1m}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void everyInterval() {
        publishNow();
    }

    /**
     * Checkpoints every tenant whose chain grew, now; returns how many were sent (0 while the topic is not read yet,
     * before the console started, or while another round is under way).
     */
    public int publishNow() {
        if (publisher == null || !book.caughtUp() || !busy.compareAndSet(false, true)) {
            return 0;
        }
        try {
            return publisher.publish();
        } finally {
            busy.set(false);
        }
    }

    /** The tenant's checkpoints known here, newest first. */
    public List<AuditCheckpoint> of(String tenant) {
        return book.of(tenant);
    }

    /** Whether the topic has been read to its end at least once (before that, a tenant may seem to have none). */
    public boolean caughtUp() {
        return book.caughtUp();
    }

    private Consumer<String, String> consumer() {
        topics.ensureTopics(SEND_TIMEOUT);
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "thinkwatch-audit-checkpoints");
        // Never made by reading it: a topic the broker creates on a fresh cluster has its default partitions and no
        // compaction, and the follower reads partition 0 only. KafkaTopicsSetup makes it (console role); until then
        // the follower waits for it.
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
    }

    @PreDestroy
    void close() {
        if (follower != null) {
            follower.close();
        }
        if (producer != null) {
            producer.close(SEND_TIMEOUT);
        }
    }
}
