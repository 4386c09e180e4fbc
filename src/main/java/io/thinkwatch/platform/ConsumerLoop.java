package io.thinkwatch.platform;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;

/**
 * A Kafka consumer on a thread of its own that reads each poll once and retries its write with backoff until it
 * succeeds, then commits the poll's offsets: at least once, for writes that are idempotent. While a write is
 * retried (the database is away) the consumer polls its paused partitions, so the group keeps the member.
 */
public final class ConsumerLoop<V> {

    /** Reads one poll and returns the write to retry until it succeeds. */
    @FunctionalInterface
    public interface Batch<V> {
        Runnable read(ConsumerRecords<String, V> records);
    }

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);

    private final String name;
    private final Consumer<String, V> consumer;
    private final Batch<V> batch;
    private final ExecutorService thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;

    /** @param name what the loop does, for its thread and log lines, e.g. {@code "Review queue"} */
    public ConsumerLoop(String name, Consumer<String, V> consumer, Batch<V> batch) {
        this.name = name;
        this.consumer = consumer;
        this.batch = batch;
        this.thread = Executors.newSingleThreadExecutor(r -> new Thread(
                r, "thinkwatch-" + name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-')));
    }

    /** Subscribes to {@code topic} once the topics exist and runs until {@link #stop()}. */
    public void start(
            String topic, KafkaTopicsSetup topics, Duration pollTimeout, Duration retryInitial, Duration retryMax) {
        start(topic, () -> topics.ensureTopics(Duration.ofSeconds(10)), pollTimeout, retryInitial, retryMax);
    }

    /** Subscribes to {@code topic} once {@code topicsReady} says so (asked again with backoff until then). */
    void start(
            String topic, BooleanSupplier topicsReady, Duration pollTimeout, Duration retryInitial, Duration retryMax) {
        RetryPolicy<Object> retry = WriteRetry.untilStopped(
                name, () -> running, retryInitial, retryMax, () -> GroupMembership.keep(consumer));
        running = true;
        thread.execute(() -> run(topic, topicsReady, pollTimeout, retry, new RestartBackoff(retryInitial, retryMax)));
    }

    private void run(
            String topic,
            BooleanSupplier topicsReady,
            Duration pollTimeout,
            RetryPolicy<Object> retry,
            RestartBackoff restart) {
        try {
            Failsafe.with(retry).run(() -> {
                if (!topicsReady.getAsBoolean()) {
                    throw new IllegalStateException("Kafka topics not ready");
                }
            });
            while (running) {
                consumer.subscribe(List.of(topic));
                LOG.infof("%s consuming %s", name, topic);
                try {
                    consume(pollTimeout, retry);
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    if (!running) {
                        break;
                    }
                    // Leaving the group drops what was read but not committed; subscribing again reads on from
                    // the last commit, so an unexpected failure costs a pause, not the loop
                    Duration pause = restart.next();
                    LOG.errorf(e, "%s failed; it reads on from the last committed offsets in %s", name, pause);
                    consumer.unsubscribe();
                    if (stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
                        break;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (WakeupException e) {
            LOG.debugf("%s woken up for shutdown", name);
        } catch (RuntimeException e) {
            if (running) {
                LOG.errorf(e, "%s stopped unexpectedly", name);
            }
        } finally {
            // Leaving, also as a static member: the group hands the partitions on now, not after a session
            GroupMember.leave(consumer, Duration.ofSeconds(10));
        }
    }

    private void consume(Duration pollTimeout, RetryPolicy<Object> retry) {
        while (running) {
            ConsumerRecords<String, V> records = consumer.poll(pollTimeout);
            if (records.isEmpty()) {
                continue;
            }
            Runnable write = batch.read(records);
            Failsafe.with(retry).run(write::run);
            consumer.resume(consumer.paused());
            commit(records);
        }
    }

    /** Where each partition of a poll ends: the offset after its last record, what a commit of the poll sends. */
    public static Map<TopicPartition, OffsetAndMetadata> ends(ConsumerRecords<?, ?> records) {
        Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<? extends ConsumerRecord<?, ?>> list = records.records(partition);
            ends.put(partition, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
        }
        return ends;
    }

    private void commit(ConsumerRecords<String, V> records) {
        try {
            consumer.commitSync(ends(records));
        } catch (KafkaException e) {
            // The partitions moved to another member, which reads the batch again; the writes are idempotent.
            LOG.warnf(
                    "%s: offsets not committed after a rebalance; the batch will be read again: %s",
                    name, e.toString());
        }
    }

    /** Wakes the consumer and waits up to 20 s for the loop to end. */
    public void stop() throws InterruptedException {
        if (running) {
            running = false;
            stopped.countDown();
            consumer.wakeup();
        }
        thread.shutdown();
        if (!thread.awaitTermination(20, TimeUnit.SECONDS)) {
            thread.shutdownNow();
        }
    }
}
