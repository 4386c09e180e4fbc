package io.thinkwatch.keys;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.jboss.logging.Logger;

/**
 * The rounds of {@link KeyAnnouncer}: each sends the rows waiting for the topic, one by one, and marks a row published
 * only after Kafka acknowledged it; a send that fails or times out ends the round, and the row waits for the next.
 * Rounds never overlap: a round asked for while one is under way makes that one go once more, so a change committed
 * meanwhile is sent now, not at the next tick. Free of CDI and PostgreSQL, so it is tested with a MockProducer.
 */
final class Announcement {

    private static final Logger LOG = Logger.getLogger(Announcement.class);

    /** A row waiting for the topic, and how to mark it published once Kafka has it. */
    record Pending(KeyNotice notice, Runnable markPublished) {}

    private final Producer<String, String> producer;
    private final Supplier<List<Pending>> pending;
    private final Consumer<Pending> markPublished;
    private final BooleanSupplier topicReady;
    private final Duration sendTimeout;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    Announcement(
            Producer<String, String> producer,
            Supplier<List<Pending>> pending,
            Consumer<Pending> markPublished,
            BooleanSupplier topicReady,
            Duration sendTimeout) {
        this.producer = producer;
        this.pending = pending;
        this.markPublished = markPublished;
        this.topicReady = topicReady;
        this.sendTimeout = sendTimeout;
    }

    /** Sends what is waiting; returns how many rows reached the topic (0 when another thread's round will send). */
    int announce() {
        again.set(true);
        if (!busy.compareAndSet(false, true)) {
            return 0;
        }
        int sent = 0;
        try {
            while (again.getAndSet(false)) {
                sent += round();
            }
        } finally {
            busy.set(false);
        }
        return again.get() ? sent + announce() : sent;
    }

    private int round() {
        try {
            List<Pending> rows = pending.get();
            if (rows.isEmpty() || !topicReady.getAsBoolean()) {
                return 0;
            }
            int sent = 0;
            for (Pending row : rows) {
                producer.send(new ProducerRecord<>(
                                KeyNotice.TOPIC,
                                row.notice().key(),
                                row.notice().value()))
                        .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
                markPublished.accept(row);
                sent++;
            }
            return sent;
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.warnf("Could not announce capture keys on %s yet (tried again in 2 s): %s", KeyNotice.TOPIC, e);
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
