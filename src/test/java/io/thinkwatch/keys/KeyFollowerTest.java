package io.thinkwatch.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.thinkwatch.platform.RestartBackoff;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The follower's loop against Kafka's {@link MockConsumer}: rows reach the book and the file, failures restart. */
class KeyFollowerTest {

    private final KeyPair signer = SignerKeys.generate();
    private final KeyClaims claims = new KeyClaims(KeyFormat.newKeyId(), "acme", null, null);
    private final String key = KeyFormat.encode(claims, signer.getPrivate());
    private final List<MockConsumer<String, String>> made = new ArrayList<>();

    @TempDir
    Path dir;

    private MockConsumer<String, String> consumer(KeyNotice... rows) {
        MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
        consumer.updateBeginningOffsets(Map.of(KeyFollower.PARTITION, 0L));
        consumer.schedulePollTask(() -> {
            for (int i = 0; i < rows.length; i++) {
                consumer.addRecord(new ConsumerRecord<>(KeyNotice.TOPIC, 0, i, rows[i].key(), rows[i].value()));
            }
        });
        made.add(consumer);
        return consumer;
    }

    @Test
    void aRevocationOnTheTopicReachesTheBookAndTheFile() {
        // Given a book that knows the signer, and a topic holding the key's revocation
        KeyBook book = new KeyBook(List.of(signer.getPublic()), KeyBook.State.empty());
        KeyBookFile file = new KeyBookFile(dir, new ObjectMapper());
        MockConsumer<String, String> topic = consumer(KeyNotice.revoked(claims.keyId()));

        // When the follower reads it
        try (KeyFollower follower = new KeyFollower(() -> topic, book, file, Duration.ofMillis(10))
                .start(new RestartBackoff(Duration.ofMillis(10), Duration.ofMillis(10)))) {
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(book.check(List.of(key))).isInstanceOf(KeyBook.Refused.class));
        }

        // Then a restarted capture that loads the file refuses the key before it reads Kafka
        KeyBook restarted = new KeyBook(List.of(signer.getPublic()), file.load());
        assertThat(restarted.check(List.of(key))).isInstanceOf(KeyBook.Refused.class);
    }

    @Test
    void aFailureStartsANewConsumerThatReadsTheTopicAgain() {
        // Given a first consumer that fails at its first poll, and a second that holds the signer
        KeyBook book = new KeyBook(List.of(), KeyBook.State.empty());
        AtomicInteger calls = new AtomicInteger();
        MockConsumer<String, String> failing = new MockConsumer<>("earliest");
        failing.updateBeginningOffsets(Map.of(KeyFollower.PARTITION, 0L));
        failing.setPollException(new KafkaException("broker gone"));
        MockConsumer<String, String> second = consumer(KeyNotice.signer(signer.getPublic()));

        // When the follower runs
        try (KeyFollower follower = new KeyFollower(
                        () -> calls.getAndIncrement() == 0 ? failing : second,
                        book,
                        new KeyBookFile(dir, new ObjectMapper()),
                        Duration.ofMillis(10))
                .start(new RestartBackoff(Duration.ofMillis(10), Duration.ofMillis(10)))) {
            // Then the second consumer's row is applied, and the first consumer was closed
            await().atMost(Duration.ofSeconds(10)).until(book::knowsSigner);
            assertThat(failing.closed()).isTrue();
            assertThat(book.check(List.of(key))).isEqualTo(new KeyBook.Valid(claims));
        }
    }

    @Test
    void anUnreadableFileStartsEmpty() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("capture-keys.json"), "{not json");

        KeyBook.State state = new KeyBookFile(dir, new ObjectMapper()).load();

        assertThat(state).isEqualTo(KeyBook.State.empty());
    }
}
