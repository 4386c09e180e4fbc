package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

/** Sending the spool: order, removal only after acknowledgement, and the backoff while Kafka refuses. */
class SpoolDrainerTest {

    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    private long now = 5_000 * MS;
    private final MockProducer<String, byte[]> kafka =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TraceSpool spool;
    private SpoolDrainer drainer;

    @BeforeEach
    void start() throws IOException {
        spool = TraceSpool.open(dir, 1_000_000);
        PublisherMetrics metrics = new PublisherMetrics(registry);
        drainer = new SpoolDrainer(
                kafka, spool, 500, new RetryWait(Duration.ofMillis(200), Duration.ofSeconds(10)), metrics);
        metrics.watch(
                new PublishQueue(1, 1, new DropCounter(registry, System::nanoTime, Duration.ofHours(1))),
                spool,
                drainer::retryWait);
    }

    @AfterEach
    void stop() throws IOException {
        spool.close();
    }

    @Test
    void eachRefusalWaitsLongerAndTheReportedWaitIsTheOneKept() throws IOException {
        // Given two spooled traces
        spool.add("a", bytes("a"));
        spool.add("b", bytes("b"));

        // When Kafka refuses every try, and the drainer steps every millisecond for a minute
        List<Long> reported = new ArrayList<>();
        List<Long> observed = new ArrayList<>();
        long lastTry = -1;
        for (int ms = 0; ms < 60_000; ms++, now += MS) {
            int before = kafka.history().size();
            drainer.step(now);
            if (kafka.history().size() > before) {
                if (lastTry >= 0) {
                    observed.add((now - lastTry) / MS);
                }
                lastTry = now;
                while (kafka.errorNext(new TimeoutException("Kafka away"))) {
                    // every send of this try
                }
                drainer.step(now);
                reported.add(drainer.retryWait().toMillis());
            }
        }

        // Then the waits double up to 10 s, each try came exactly after the wait reported (also as a gauge),
        // only one trace is tried at a time after the first refusal, and nothing left the spool
        assertThat(reported).startsWith(200L, 400L, 800L, 1_600L, 3_200L, 6_400L, 10_000L, 10_000L);
        assertThat(observed).isEqualTo(reported.subList(0, observed.size()));
        assertThat(registry.get("thinkwatch.capture.spool.retry.wait")
                        .timeGauge()
                        .value())
                .isEqualTo(10.0);
        assertThat(kafka.history()).extracting(ProducerRecord::key).startsWith("a", "b", "a", "a");
        assertThat(spool.records()).isEqualTo(2);
    }

    @Test
    void kafkaAnsweringAgainSendsTheWholeSpoolInOrderAndEndsTheWait() throws IOException {
        // Given three spooled traces and one refused try behind them
        spool.add("a", bytes("a"));
        spool.add("b", bytes("b"));
        spool.add("c", bytes("c"));
        drainer.step(now);
        while (kafka.errorNext(new TimeoutException("Kafka away"))) {
            // the first try
        }
        drainer.step(now);

        // When Kafka acknowledges every send from the end of the wait on
        now += 200 * MS;
        boolean empty = stepWhileKafkaAcknowledges();

        // Then the probe and then the rest went in order, the spool is empty and there is no wait
        assertThat(empty).isTrue();
        assertThat(kafka.history()).extracting(ProducerRecord::key).containsExactly("a", "b", "c", "a", "b", "c");
        assertThat(spool.isEmpty()).isTrue();
        assertThat(drainer.retryWait()).isZero();
        assertThat(registry.counter("thinkwatch.traces.published").count()).isEqualTo(3.0);
    }

    @Test
    void aTraceAcknowledgedBehindARefusedOneIsNotSentAgain() throws IOException {
        // Given a batch of two where Kafka refused the first and acknowledged the second
        spool.add("a", bytes("a"));
        spool.add("b", bytes("b"));
        drainer.step(now);
        kafka.errorNext(new TimeoutException("Kafka away"));
        kafka.completeNext();
        drainer.step(now);

        // When Kafka takes the spool again
        now += 200 * MS;
        stepWhileKafkaAcknowledges();

        // Then b went to Kafka once, and both left the spool
        assertThat(kafka.history()).extracting(ProducerRecord::key).containsExactly("a", "b", "a");
        assertThat(spool.isEmpty()).isTrue();
        assertThat(registry.counter("thinkwatch.traces.published").count()).isEqualTo(2.0);
    }

    /** Steps until the spool is empty (at most ten times), Kafka acknowledging every send; true when empty. */
    private boolean stepWhileKafkaAcknowledges() {
        boolean empty = false;
        for (int steps = 0; steps < 10 && !empty; steps++) {
            empty = drainer.step(now);
            while (kafka.completeNext()) {
                // this batch
            }
        }
        return empty;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
