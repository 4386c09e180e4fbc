package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class PublishQueueTest {

    private static final int THREADS = 4;
    private static final int PER_THREAD = 20_000;
    private static final int CAPACITY = 100;

    @Test
    void dropsFromSeveralThreadsAtOnceAreCountedExactly() throws Exception {
        // Given a queue nobody takes from
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DropCounter drops = new DropCounter(registry, System::nanoTime, Duration.ofHours(1));
        PublishQueue queue = new PublishQueue(CAPACITY, drops);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();

        // When four threads publish 20,000 traces each at the same time
        for (int t = 0; t < THREADS; t++) {
            done.add(threads.submit(() -> {
                go.await();
                for (int i = 0; i < PER_THREAD; i++) {
                    queue.publish(() -> null);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        threads.shutdown();

        // Then every trace is either queued or counted as dropped, none twice
        long dropped = (long) THREADS * PER_THREAD - CAPACITY;
        assertThat(queue.items()).hasSize(CAPACITY);
        assertThat(registry.counter("thinkwatch.traces.dropped", "reason", "queue_full")
                        .count())
                .isEqualTo((double) dropped);
        assertThat(drops.total()).isEqualTo((double) dropped);
    }
}
