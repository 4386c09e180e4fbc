package io.thinkwatch.capture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.smallrye.common.annotation.Identifier;
import io.thinkwatch.keys.KeyBook;
import io.thinkwatch.keys.KeyBookFile;
import io.thinkwatch.keys.KeyFollower;
import io.thinkwatch.keys.Signer;
import io.thinkwatch.keys.SignerKeys;
import io.thinkwatch.platform.RestartBackoff;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The capture role's {@link KeyBook}: loaded from its file, then kept current by a {@link KeyFollower}. */
@ApplicationScoped
public class CaptureKeys {

    private final CaptureConfig config;
    private final Map<String, Object> kafka;
    private final ObjectMapper mapper;
    private final Roles roles;
    private final Instance<Signer> signer;
    private KeyBook book;
    private KeyFollower follower;

    public CaptureKeys(
            CaptureConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            ObjectMapper mapper,
            Roles roles,
            Instance<Signer> signer) {
        this.config = config;
        this.roles = roles;
        this.signer = signer;
        this.kafka = kafka;
        this.mapper = mapper;
    }

    /** Loads the book and starts following the topic; called once by {@link CaptureServer}. */
    synchronized KeyBook start() {
        if (book == null) {
            KeyBookFile file = new KeyBookFile(Path.of(config.keys().dir()), mapper);
            List<String> trusted = new ArrayList<>(config.keys().signers().orElse(List.of()));
            if (roles.has(Role.CONSOLE)) {
                // One process with the console (the local stack): its own signer, without waiting for the topic.
                trusted.add(signer.get().current().publicKey);
            }
            List<java.security.PublicKey> pinned =
                    trusted.stream().map(SignerKeys::publicKey).toList();
            book = new KeyBook(pinned, file.load());
            follower = new KeyFollower(this::consumer, book, file, Duration.ofMillis(200))
                    .start(new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30)));
        }
        return book;
    }

    /** Whether the book can check a key at all (some signer known); null when capture has not started. */
    KeyBook book() {
        return book;
    }

    private KafkaConsumer<String, String> consumer() {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "thinkwatch-capture-keys");
        // Never made by reading it: a topic the broker creates on a fresh cluster has its default partitions and no
        // compaction, and the follower reads partition 0 only. KafkaTopicsSetup makes it (console role); until then
        // the follower waits for it.
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
    }

    @PreDestroy
    synchronized void stop() {
        if (follower != null) {
            follower.close();
        }
    }
}
