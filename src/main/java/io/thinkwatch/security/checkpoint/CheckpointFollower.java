package io.thinkwatch.security.checkpoint;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import io.thinkwatch.platform.RestartBackoff;
import io.thinkwatch.platform.Topics;

/**
 * Reads {@code thinkwatch.audit-checkpoints} from its start, without a consumer group, into a {@link CheckpointBook},
 * and marks the book caught up once it has read up to the end the topic had when reading began. Its own thread; a
 * failure starts a new consumer that reads the topic again (the book ignores what it holds already).
 */
final class CheckpointFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CheckpointFollower.class);
    static final TopicPartition PARTITION = new TopicPartition(Topics.AUDIT_CHECKPOINTS, 0);

    private final Supplier<Consumer<String, String>> consumers;
    private final CheckpointBook book;
    private final CheckpointCodec codec;
    private final Duration pollTimeout;
    private final ExecutorService thread =
            Executors.newSingleThreadExecutor(r -> new Thread(r, "thinkwatch-checkpoint-follower"));
    private volatile boolean running = true;
    private volatile Consumer<String, String> current;

    CheckpointFollower(
            Supplier<Consumer<String, String>> consumers,
            CheckpointBook book,
            CheckpointCodec codec,
            Duration pollTimeout) {
        this.consumers = consumers;
        this.book = book;
        this.codec = codec;
        this.pollTimeout = pollTimeout;
    }

    CheckpointFollower start(RestartBackoff backoff) {
        thread.execute(() -> run(backoff));
        return this;
    }

    private void run(RestartBackoff backoff) {
        while (running) {
            try (Consumer<String, String> consumer = consumers.get()) {
                current = consumer;
                consumer.assign(List.of(PARTITION));
                consumer.seekToBeginning(List.of(PARTITION));
                long end = consumer.endOffsets(List.of(PARTITION)).getOrDefault(PARTITION, 0L);
                while (running) {
                    for (ConsumerRecord<String, String> record : consumer.poll(pollTimeout)) {
                        codec.read(record.value()).ifPresent(book::add);
                    }
                    if (!book.caughtUp() && consumer.position(PARTITION) >= end) {
                        book.markCaughtUp();
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                Duration pause = backoff.next();
                LOG.errorf(e, "Following %s failed; reading it again from the start in %s", PARTITION.topic(), pause);
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        Consumer<String, String> consumer = current;
        if (consumer != null) {
            consumer.wakeup();
        }
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
