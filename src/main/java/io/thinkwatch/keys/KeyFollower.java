package io.thinkwatch.keys;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import io.thinkwatch.platform.RestartBackoff;

/**
 * Reads {@code thinkwatch.capture-keys} from its start, without a consumer group, into a {@link KeyBook}, and keeps
 * the book's state in its file after every change. Its own thread; a failure closes the consumer and starts a new
 * one that reads the topic again from the start, which the book takes as no change.
 */
public final class KeyFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KeyFollower.class);
    static final TopicPartition PARTITION = new TopicPartition(KeyNotice.TOPIC, 0);

    private final Supplier<Consumer<String, String>> consumers;
    private final KeyBook book;
    private final KeyBookFile file;
    private final Duration pollTimeout;
    private final ExecutorService thread =
            Executors.newSingleThreadExecutor(r -> new Thread(r, "thinkwatch-key-follower"));
    private volatile boolean running = true;
    private volatile Consumer<String, String> current;

    public KeyFollower(
            Supplier<Consumer<String, String>> consumers, KeyBook book, KeyBookFile file, Duration pollTimeout) {
        this.consumers = consumers;
        this.book = book;
        this.file = file;
        this.pollTimeout = pollTimeout;
    }

    public KeyFollower start(RestartBackoff backoff) {
        thread.execute(() -> run(backoff));
        return this;
    }

    private void run(RestartBackoff backoff) {
        while (running) {
            try (Consumer<String, String> consumer = consumers.get()) {
                current = consumer;
                consumer.assign(List.of(PARTITION));
                consumer.seekToBeginning(List.of(PARTITION));
                while (running) {
                    follow(consumer.poll(pollTimeout));
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                Duration pause = backoff.next();
                LOG.errorf(e, "Following %s failed; reading it again from the start in %s", KeyNotice.TOPIC, pause);
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Applies a poll's rows and, when one changed the book, writes the file. */
    void follow(ConsumerRecords<String, String> records) {
        boolean changed = false;
        for (ConsumerRecord<String, String> record : records) {
            changed |= book.apply(record.key(), record.value());
        }
        if (changed) {
            try {
                file.save(book.state());
            } catch (IOException e) {
                LOG.errorf(
                        "Could not keep the capture keys' state on disk (a restart forgets new revocations"
                                + " until it reads them from Kafka again): %s",
                        e.toString());
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
