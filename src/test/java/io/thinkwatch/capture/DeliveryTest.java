package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The publisher's routing between Kafka and the spool, with a producer answered by hand and a fake clock. */
class DeliveryTest {

    private static final Duration SPOOL_AFTER = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final MockProducer<String, byte[]> kafka =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TraceSpool spool;
    private Delivery delivery;

    @BeforeEach
    void start() throws IOException {
        spool = TraceSpool.open(dir, 1_000_000);
        delivery = delivery();
    }

    @AfterEach
    void stop() throws IOException {
        spool.close();
    }

    @Test
    void aTraceGoesStraightToKafkaWhileItAnswers() {
        // Given Kafka answering
        // When a trace is delivered and Kafka acknowledges it
        delivery.deliver(trace("a"));
        kafka.completeNext();
        delivery.tick();

        // Then it was sent, nothing was spooled, and it counts as published
        assertThat(kafka.history()).extracting(ProducerRecord::key).containsExactly("a");
        assertThat(spool.isEmpty()).isTrue();
        assertThat(delivery.spooling()).isFalse();
        assertThat(registry.counter("thinkwatch.traces.published").count()).isEqualTo(1.0);
    }

    @Test
    void aKafkaSilentForSpoolAfterSendsNewTracesToTheSpool() {
        // Given a send Kafka has not answered for longer than spool.after, noticed by the publisher's tick
        delivery.deliver(trace("a"));
        clock.addAndGet(SPOOL_AFTER.toNanos() + 1);
        delivery.tick();

        // When the next trace is delivered
        delivery.deliver(trace("b"));

        // Then it waits in the spool instead of in the producer
        assertThat(delivery.spooling()).isTrue();
        assertThat(kafka.history()).extracting(ProducerRecord::key).containsExactly("a");
        assertThat(spool.peek(10)).extracting(TraceSpool.Spooled::key).containsExactly("b");
    }

    @Test
    void aKafkaThatAnswersWithinSpoolAfterKeepsDirectSends() {
        // Given a send unanswered for exactly spool.after
        delivery.deliver(trace("a"));
        clock.addAndGet(SPOOL_AFTER.toNanos());
        delivery.tick();

        // When the next trace is delivered
        delivery.deliver(trace("b"));

        // Then it is sent too
        assertThat(delivery.spooling()).isFalse();
        assertThat(kafka.history()).extracting(ProducerRecord::key).containsExactly("a", "b");
    }

    @Test
    void theSpoolIsSentInOrderOnceKafkaAnswersThenTracesGoDirectAgain() {
        // Given Kafka silent: b and c spooled, then the unanswered send of a timing out and spooled behind them
        delivery.deliver(trace("a"));
        clock.addAndGet(SPOOL_AFTER.toNanos() + 1);
        delivery.tick();
        delivery.deliver(trace("b"));
        delivery.deliver(trace("c"));
        kafka.errorNext(new TimeoutException("delivery timeout"));
        delivery.tick();

        // When Kafka acknowledges every spooled send
        delivery.tick();
        while (kafka.completeNext()) {
            // each spooled send in turn
        }
        delivery.tick();

        // Then the spool was sent oldest first and emptied, and traces go straight to Kafka again
        assertThat(kafka.history()).extracting(ProducerRecord::key).containsExactly("a", "b", "c", "a");
        assertThat(spool.isEmpty()).isTrue();
        assertThat(delivery.spooling()).isFalse();
    }

    @Test
    void aSendThatFailsInsideSendIsSpooled() {
        // Given a producer without metadata, failing inside send()
        kafka.sendException = new TimeoutException("no metadata after 1000 ms");

        // When a trace is delivered
        delivery.deliver(trace("a"));

        // Then it is spooled and the publisher spools from now on
        assertThat(delivery.spooling()).isTrue();
        assertThat(spool.peek(10)).extracting(TraceSpool.Spooled::key).containsExactly("a");
    }

    @Test
    void aFullSpoolDropsAndCountsTheTrace() throws IOException {
        // Given Kafka away and a spool with no room for another trace
        spool.close();
        spool = TraceSpool.open(dir.resolve("small"), 4 + 2 + 1 + 10);
        delivery = delivery();
        kafka.sendException = new TimeoutException("no metadata after 1000 ms");
        delivery.deliver(new Outgoing("a", new byte[10]));

        // When another trace is delivered
        delivery.deliver(new Outgoing("b", new byte[10]));

        // Then it is dropped and counted, and the spool says it is full
        assertThat(delivery.spoolFull()).isTrue();
        assertThat(registry.counter("thinkwatch.traces.dropped", "reason", "spool_full")
                        .count())
                .isEqualTo(1.0);
        assertThat(spool.peek(10)).extracting(TraceSpool.Spooled::key).containsExactly("a");
    }

    private Delivery delivery() {
        PublisherMetrics metrics = new PublisherMetrics(registry);
        return new Delivery(
                new DirectSends(kafka, metrics, clock::get, SPOOL_AFTER.toNanos()),
                new SpoolDrainer(
                        kafka, spool, 500, new RetryWait(Duration.ofMillis(200), Duration.ofSeconds(10)), metrics),
                spool,
                new DropCounter(registry, clock::get, Duration.ofSeconds(10)),
                metrics,
                clock::get);
    }

    private static Outgoing trace(String id) {
        return new Outgoing(id, ("{\"traceId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
