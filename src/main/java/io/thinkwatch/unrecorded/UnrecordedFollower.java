package io.thinkwatch.unrecorded;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import io.thinkwatch.platform.RestartBackoff;
import io.thinkwatch.platform.Topics;

/**
 * Reads every partition of {@code thinkwatch.unrecorded-calls} without a consumer group, from the first report of the
 * window's span into the {@link UnrecordedWindow}, then follows it. Its own thread; a failure empties the window and
 * starts a new consumer that reads the span again.
 */
final class UnrecordedFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(UnrecordedFollower.class);

    private final Supplier<Consumer<String, String>> consumers;
    private final UnrecordedWindow window;
    private final Function<String, Optional<UnrecordedCount>> reader;
    private final Duration span;
    private final Clock clock;
    private final ExecutorService thread =
            Executors.newSingleThreadExecutor(r -> new Thread(r, "thinkwatch-unrecorded-follower"));
    private volatile boolean running = true;
    private volatile Consumer<String, String> current;

    UnrecordedFollower(
            Supplier<Consumer<String, String>> consumers,
            UnrecordedWindow window,
            Function<String, Optional<UnrecordedCount>> reader,
            Duration span,
            Clock clock) {
        this.consumers = consumers;
        this.window = window;
        this.reader = reader;
        this.span = span;
        this.clock = clock;
    }

    UnrecordedFollower start(RestartBackoff backoff) {
        thread.execute(() -> run(backoff));
        return this;
    }

    private void run(RestartBackoff backoff) {
        while (running) {
            try (Consumer<String, String> consumer = consumers.get()) {
                current = consumer;
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.UNRECORDED_CALLS).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
                if (partitions.isEmpty()) {
                    throw new IllegalStateException("the topic has no partitions yet");
                }
                consumer.assign(partitions);
                seekToSpan(consumer, partitions);
                window.clear();
                while (running) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        reader.apply(record.value()).ifPresent(window::add);
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                Duration pause = backoff.next();
                LOG.warnf(
                        "Following %s failed (%s); reading the last %s again in %s",
                        Topics.UNRECORDED_CALLS, e.toString(), span, pause);
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void seekToSpan(Consumer<String, String> consumer, List<TopicPartition> partitions) {
        long from = clock.instant().minus(span).toEpochMilli();
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(p -> times.put(p, from));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset == null) {
                consumer.seekToEnd(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
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
