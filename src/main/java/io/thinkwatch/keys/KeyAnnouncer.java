package io.thinkwatch.keys;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

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

    private static final Logger LOG = Logger.getLogger(KeyAnnouncer.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);

    private final Roles roles;
    private final Map<String, Object> kafka;
    private final KafkaTopicsSetup topics;
    private final Signer signer;
    private final Executor soon = Executors.newSingleThreadExecutor(r -> new Thread(r, "thinkwatch-key-announcer"));
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile Producer<String, String> producer;

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
        if (producer != null) {
            soon.execute(this::announce);
        }
    }

    @Scheduled(every = "2s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void everyTwoSeconds() {
        if (producer != null) {
            announce();
        }
    }

    /** Sends what is unpublished; returns how many rows reached the topic. */
    int announce() {
        again.set(true);
        if (!busy.compareAndSet(false, true)) {
            return 0; // the round under way goes once more, so a change committed meanwhile is not left for the tick
        }
        int sent = 0;
        try {
            while (again.getAndSet(false)) {
                sent += announcePending();
            }
        } finally {
            busy.set(false);
        }
        return again.get() ? sent + announce() : sent;
    }

    private int announcePending() {
        try {
            List<Pending> pending = pending();
            if (pending.isEmpty() || !topics.ensureTopics(SEND_TIMEOUT)) {
                return 0;
            }
            int sent = 0;
            for (Pending row : pending) {
                producer.send(new ProducerRecord<>(
                                KeyNotice.TOPIC,
                                row.notice().key(),
                                row.notice().value()))
                        .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                markPublished(row);
                sent++;
            }
            return sent;
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            LOG.warnf("Could not announce capture keys on %s yet (tried again in 2 s): %s", KeyNotice.TOPIC, e);
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** A row waiting for the topic, and how to mark it published once Kafka has it. */
    record Pending(KeyNotice notice, Runnable markPublished) {}

    @Transactional
    List<Pending> pending() {
        List<Pending> pending = new ArrayList<>();
        for (KeySigner s : KeySigner.<KeySigner>list("published = false")) {
            pending.add(new Pending(
                    KeyNotice.signer(SignerKeys.publicKey(s.publicKey)),
                    () -> KeySigner.update("published = true where id = ?1", s.id)));
        }
        for (CaptureKey k : CaptureKey.<CaptureKey>list("published = false")) {
            pending.add(new Pending(
                    KeyNotice.revoked(k.id), () -> CaptureKey.update("published = true where id = ?1", k.id)));
        }
        for (Tenant t : Tenant.<Tenant>list("published = false")) {
            // Marked only if the state sent is still the state stored: a change meanwhile is sent next round.
            pending.add(new Pending(
                    KeyNotice.tenant(t.name, t.enabled),
                    () -> Tenant.update("published = true where name = ?1 and enabled = ?2", t.name, t.enabled)));
        }
        return pending;
    }

    @Transactional
    void markPublished(Pending row) {
        row.markPublished().run();
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
