package io.thinkwatch.capture;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import io.thinkwatch.platform.Topics;

/**
 * Traces sent straight to Kafka, and whether Kafka has gone silent: a send unanswered for longer than
 * {@code spool.after}. Sends start on the publisher thread; their callbacks run on the producer's thread, so
 * what both touch is atomic, and a send that failed waits in a concurrent queue until the publisher spools it.
 */
final class DirectSends {

    private static final Logger LOG = Logger.getLogger(DirectSends.class);

    private final Producer<String, byte[]> producer;
    private final PublisherMetrics metrics;
    private final LongSupplier nanos;
    private final long silentAfterNanos;
    /** Sends Kafka has not answered yet, and when it last answered one (or the first of them started). */
    private final AtomicInteger inFlight = new AtomicInteger();

    private volatile long lastAnswer;
    private final ConcurrentLinkedQueue<Outgoing> failed = new ConcurrentLinkedQueue<>();

    DirectSends(
            Producer<String, byte[]> producer, PublisherMetrics metrics, LongSupplier nanos, long silentAfterNanos) {
        this.producer = producer;
        this.metrics = metrics;
        this.nanos = nanos;
        this.silentAfterNanos = silentAfterNanos;
        this.lastAnswer = nanos.getAsLong();
    }

    /**
     * Hands the trace to the producer. False when it failed inside {@code send()} (no metadata, closed
     * producer) and the caller must spool it; a failure reported later comes back through {@link #pollFailed}.
     */
    boolean send(Outgoing out) {
        if (inFlight.getAndIncrement() == 0) {
            lastAnswer = nanos.getAsLong();
        }
        try {
            // The outcome arrives in the callback; the future would only repeat it
            Future<RecordMetadata> unused =
                    producer.send(new ProducerRecord<>(Topics.TRACES, out.key(), out.value()), (metadata, error) -> {
                        lastAnswer = nanos.getAsLong();
                        inFlight.decrementAndGet();
                        if (error == null) {
                            metrics.published(1);
                        } else if (KafkaErrors.permanent(error)) {
                            metrics.failed();
                            LOG.errorf("Trace %s can never be published: %s", out.key(), error.toString());
                        } else {
                            failed.add(out);
                        }
                    });
            return true;
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            if (!KafkaErrors.permanent(e)) {
                return false;
            }
            metrics.failed();
            LOG.errorf("Trace %s can never be published: %s", out.key(), e.toString());
            return true;
        }
    }

    /** The oldest send Kafka failed and that is not spooled yet, or null. */
    Outgoing pollFailed() {
        return failed.poll();
    }

    /** Whether a send has waited for an answer longer than {@code spool.after} at {@code now} (nanos). */
    boolean silent(long now) {
        return inFlight.get() > 0 && now - lastAnswer > silentAfterNanos;
    }

    /** How long Kafka has not answered, for the log. */
    long silentMillis(long now) {
        return TimeUnit.NANOSECONDS.toMillis(now - lastAnswer);
    }
}
