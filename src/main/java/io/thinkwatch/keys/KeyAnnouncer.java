package io.thinkwatch.keys;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.thinkwatch.platform.KafkaTopicsSetup;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;
import io.thinkwatch.security.Tenant;
import io.thinkwatch.security.TenantChanged;

/**
 * Puts on the topic what PostgreSQL holds and the topic does not yet: the signer, every revocation and every
 * tenant's enabled state whose {@code published} flag is false. Runs on the console role, every two seconds and right after a revocation
 * or a tenant change commits; a row is marked published only after Kafka acknowledged it, so nothing is lost while Kafka is away.
 */
@ApplicationScoped
public class KeyAnnouncer {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);

    private final Roles roles;
    private final Map<String, Object> kafka;
    private final KafkaTopicsSetup topics;
    private final Signer signer;
    private final Executor soon = Executors.newSingleThreadExecutor(r -> new Thread(r, "thinkwatch-key-announcer"));
    private volatile Producer<String, String> producer;
    private volatile Announcement announcement;

    public KeyAnnouncer(
            Roles roles,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            KafkaTopicsSetup topics,
            Signer signer) {
        this.roles = roles;
        this.kafka = kafka;
        this.topics = topics;
        this.signer = signer;
    }

    void onStart(@Observes StartupEvent event) {
        if (roles.has(Role.CONSOLE)) {
            signer.current();
            Map<String, Object> config = new HashMap<>(kafka);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "thinkwatch-key-announcer");
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis() - 1000);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
            announcement = new Announcement(
                    producer,
                    this::pending,
                    this::markPublished,
                    () -> topics.ensureTopics(SEND_TIMEOUT),
                    SEND_TIMEOUT);
            soon.execute(this::announce);
        }
    }

    void onRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) KeyRevoked revoked) {
        announceSoon();
    }

    void onTenantChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) TenantChanged changed) {
        announceSoon();
    }

    private void announceSoon() {
        if (announcement != null) {
            soon.execute(this::announce);
        }
    }

    @Scheduled(every = "2s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void everyTwoSeconds() {
        if (announcement != null) {
            announce();
        }
    }

    /** Sends what is unpublished; returns how many rows reached the topic. */
    int announce() {
        return announcement.announce();
    }

    @Transactional
    List<Announcement.Pending> pending() {
        List<Announcement.Pending> pending = new ArrayList<>();
        for (KeySigner s : KeySigner.<KeySigner>list("published = false")) {
            pending.add(new Announcement.Pending(
                    KeyNotice.signer(SignerKeys.publicKey(s.publicKey)),
                    () -> KeySigner.update("published = true where id = ?1", s.id)));
        }
        for (CaptureKey k : CaptureKey.<CaptureKey>list("published = false")) {
            pending.add(new Announcement.Pending(
                    KeyNotice.revoked(k.id), () -> CaptureKey.update("published = true where id = ?1", k.id)));
        }
        for (Tenant t : Tenant.<Tenant>list("published = false")) {
            // Marked only if the state sent is still the state stored: a change meanwhile is sent next round.
            pending.add(new Announcement.Pending(
                    KeyNotice.tenant(t.name, t.enabled),
                    () -> Tenant.update("published = true where name = ?1 and enabled = ?2", t.name, t.enabled)));
        }
        return pending;
    }

    @Transactional
    void markPublished(Announcement.Pending row) {
        row.markPublished().run();
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
