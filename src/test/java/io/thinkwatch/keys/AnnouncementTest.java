package io.thinkwatch.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The announcer's rounds against Kafka's MockProducer: what is marked published, and when a row waits. */
class AnnouncementTest {

    private final List<Announcement.Pending> waiting = new CopyOnWriteArrayList<>();
    private final List<String> marked = new ArrayList<>();

    private Announcement.Pending row(String keyId) {
        Announcement.Pending[] self = new Announcement.Pending[1];
        self[0] = new Announcement.Pending(KeyNotice.revoked(keyId), () -> {
            marked.add(keyId);
            waiting.remove(self[0]);
        });
        return self[0];
    }

    private Announcement announcement(MockProducer<String, String> producer, boolean topicReady) {
        return new Announcement(
                producer,
                () -> List.copyOf(waiting),
                p -> p.markPublished().run(),
                () -> topicReady,
                Duration.ofSeconds(1));
    }

    @Test
    void acknowledgedRowsAreMarkedPublishedInOrder() {
        // Given two revocations waiting and a broker that acknowledges every send
        waiting.add(row("k1"));
        waiting.add(row("k2"));
        MockProducer<String, String> producer =
                new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());

        // When a round runs
        int sent = announcement(producer, true).announce();

        // Then both are on the topic, keyed by what they are about, and marked published
        assertThat(sent).isEqualTo(2);
        assertThat(producer.history())
                .extracting(r -> r.topic() + " " + r.key() + "=" + r.value())
                .containsExactly(KeyNotice.TOPIC + " revoked:k1=revoked", KeyNotice.TOPIC + " revoked:k2=revoked");
        assertThat(marked).containsExactly("k1", "k2");
        assertThat(waiting).isEmpty();
    }

    @Test
    void aFailedSendLeavesItsRowAndTheRestForTheNextRound() {
        // Given two revocations waiting and a broker that refuses the first send
        waiting.add(row("k1"));
        waiting.add(row("k2"));
        MockProducer<String, String> producer =
                new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());
        producer.sendException = new TimeoutException("broker away");

        // When a round runs
        int sent = announcement(producer, true).announce();

        // Then nothing is marked published: both wait for the next round
        assertThat(sent).isZero();
        assertThat(marked).isEmpty();
        assertThat(waiting).hasSize(2);
    }

    @Test
    void theNextRoundSendsWhatTheFailedOneLeft() {
        // Given a round that failed while the broker was away
        waiting.add(row("k1"));
        MockProducer<String, String> away =
                new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());
        away.sendException = new TimeoutException("broker away");
        Announcement failing = announcement(away, true);
        failing.announce();

        // When the broker is back and the next round runs
        MockProducer<String, String> back =
                new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        int sent = announcement(back, true).announce();

        // Then the row is sent and marked then
        assertThat(sent).isEqualTo(1);
        assertThat(marked).containsExactly("k1");
    }

    @Test
    void nothingIsSentBeforeTheTopicExists() {
        // Given a row waiting and a topic that could not be made yet
        waiting.add(row("k1"));
        MockProducer<String, String> producer =
                new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());

        // When a round runs
        int sent = announcement(producer, false).announce();

        // Then nothing was sent and the row still waits
        assertThat(sent).isZero();
        assertThat(producer.history()).isEmpty();
        assertThat(waiting).hasSize(1);
    }

    @Test
    void aRowCommittedDuringARoundIsSentByThatRound() {
        // Given a round under way, during whose first send another revocation commits and asks for a round
        waiting.add(row("k1"));
        AtomicBoolean askedDuring = new AtomicBoolean();
        Announcement[] announcement = new Announcement[1];
        MockProducer<String, String> producer =
                new MockProducer<>(true, null, new StringSerializer(), new StringSerializer()) {
                    @Override
                    public synchronized Future<RecordMetadata> send(ProducerRecord<String, String> record) {
                        if (askedDuring.compareAndSet(false, true)) {
                            waiting.add(row("k2"));
                            assertThat(announcement[0].announce()).isZero(); // the round under way takes it
                        }
                        return super.send(record);
                    }
                };
        announcement[0] = announcement(producer, true);

        // When the first round runs
        int sent = announcement[0].announce();

        // Then it went once more and sent the second row too
        assertThat(sent).isEqualTo(2);
        assertThat(marked).containsExactly("k1", "k2");
    }
}
