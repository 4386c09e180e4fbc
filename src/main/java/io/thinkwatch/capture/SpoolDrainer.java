package io.thinkwatch.capture;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import io.thinkwatch.platform.Topics;

/**
 * Sends the spool to Kafka in order, one batch at a time, and removes records only once Kafka acknowledged
 * them and every record before them. After a refused batch it waits ({@link RetryWait}) and then tries one record
 * at a time until Kafka answers again. Used by the publisher thread alone; producer callbacks only complete the
 * batch in flight ({@link SpoolDrain}).
 */
final class SpoolDrainer {

    private static final Logger LOG = Logger.getLogger(SpoolDrainer.class);

    private final Producer<String, byte[]> producer;
    private final TraceSpool spool;
    private final int batchSize;
    private final RetryWait retry;
    private final PublisherMetrics metrics;
    private SpoolDrain batch;
    /** Keys sent from the spool and acknowledged, but still in it behind a record that failed. */
    private final Set<String> sentAhead = new HashSet<>();

    private boolean probe;

    SpoolDrainer(
            Producer<String, byte[]> producer,
            TraceSpool spool,
            int batchSize,
            RetryWait retry,
            PublisherMetrics metrics) {
        this.producer = producer;
        this.spool = spool;
        this.batchSize = batchSize;
        this.retry = retry;
        this.metrics = metrics;
    }

    /**
     * One step at {@code now} (nanos): settles the batch in flight once Kafka answered all of it, and starts the
     * next when the retry wait allows. True when nothing is in flight and the spool is empty.
     */
    boolean step(long now) {
        if (batch != null) {
            if (!batch.done()) {
                return false;
            }
            settle(now);
        }
        if (spool.isEmpty()) {
            return true;
        }
        if (retry.due(now)) {
            send(spool.peek(probe ? 1 : batchSize));
        }
        return false;
    }

    /** On shutdown, after the producer closed: settles the batch in flight if Kafka answered it. */
    void settleIfAnswered(long now) {
        if (batch != null && batch.done()) {
            settle(now);
        }
    }

    /** The wait before the next try after a refused batch; zero while Kafka takes the spool. */
    Duration retryWait() {
        return retry.current();
    }

    private void send(List<TraceSpool.Spooled> records) {
        SpoolDrain current = new SpoolDrain(records);
        batch = current;
        for (int i = 0; i < records.size(); i++) {
            TraceSpool.Spooled record = records.get(i);
            if (sentAhead.contains(record.key())) {
                current.complete(i, null);
                continue;
            }
            int index = i;
            Throwable failedNow;
            try {
                // The outcome arrives in the callback; the future would only repeat it
                Future<RecordMetadata> unused = producer.send(
                        new ProducerRecord<>(Topics.TRACES, record.key(), record.value()),
                        (metadata, error) -> current.complete(index, error));
                failedNow = current.error(index);
            } catch (RuntimeException e) {
                current.complete(index, e);
                failedNow = e;
            }
            if (failedNow != null && !KafkaErrors.permanent(failedNow)) {
                // Failed inside send() (no metadata, closed producer): the rest would wait just as long.
                for (int rest = i; rest < records.size(); rest++) {
                    current.complete(rest, failedNow);
                }
                return;
            }
        }
    }

    private void settle(long now) {
        SpoolDrain done = batch;
        batch = null;
        List<TraceSpool.Spooled> removable = new ArrayList<>();
        boolean gap = false;
        int published = 0;
        for (int i = 0; i < done.records().size(); i++) {
            TraceSpool.Spooled record = done.records().get(i);
            Throwable error = done.error(i);
            boolean sent = error == null && !sentAhead.contains(record.key());
            if (error != null && KafkaErrors.permanent(error)) {
                metrics.failed();
                LOG.errorf("Spooled trace %s can never be published: %s", record.key(), error.toString());
            } else if (error != null) {
                gap = true;
            }
            published += sent ? 1 : 0;
            if (!gap) {
                removable.add(record);
                sentAhead.remove(record.key());
            } else if (sent) {
                sentAhead.add(record.key());
            }
        }
        metrics.published(published);
        try {
            spool.remove(removable);
        } catch (IOException e) {
            LOG.errorf("Could not remove sent traces from the spool: %s", e.toString());
        }
        if (gap) {
            probe = true;
            Duration wait = retry.failed(now);
            LOG.warnf(
                    "Kafka refused spooled traces (%s); %d traces wait in the spool, next try in %d ms",
                    done.firstError(), spool.records(), wait.toMillis());
        } else {
            if (probe) {
                LOG.infof("Kafka answers again; sending %d spooled traces", spool.records());
            }
            probe = false;
            retry.succeeded();
        }
    }
}
