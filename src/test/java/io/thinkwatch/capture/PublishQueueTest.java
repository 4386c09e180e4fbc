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
        PublishQueue queue = new PublishQueue(CAPACITY, Long.MAX_VALUE, drops);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();

        // When four threads publish 20,000 traces each at the same time
        for (int t = 0; t < THREADS; t++) {
            done.add(threads.submit(() -> {
                go.await();
                for (int i = 0; i < PER_THREAD; i++) {
                    queue.publish(() -> null, 1);
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

    @Test
    void largeBodiesFillTheQueueByBytesAndTakingMakesRoomAgain() throws Exception {
        // Given a queue of 1,000 items but 1 MiB, and calls of 200 KiB each
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DropCounter drops = new DropCounter(registry, System::nanoTime, Duration.ofHours(1));
        PublishQueue queue = new PublishQueue(1000, 1024 * 1024, drops);
        long call = 200 * 1024;

        // When eight are published before the publisher takes any
        for (int i = 0; i < 8; i++) {
            queue.publish(() -> null, call);
        }

        // Then five wait (1,000 KiB) and three are dropped and counted
        assertThat(queue.items()).hasSize(5);
        assertThat(queue.bytes()).isEqualTo(5 * call);
        assertThat(drops.total()).isEqualTo(3.0);

        // And when the publisher takes them, the bytes are free again for the next calls
        List<java.util.function.Supplier<List<io.thinkwatch.model.TraceEvent>>> taken = new ArrayList<>();
        queue.take(taken, 10, 1000);
        assertThat(taken).hasSize(5);
        assertThat(queue.bytes()).isZero();
        assertThat(queue.offer(List::of, call)).isTrue();
    }

    @Test
    void oneBodyLargerThanTheBoundStillGoesIntoAnEmptyQueue() {
        // Given an empty queue of 1 MiB
        PublishQueue queue = new PublishQueue(
                1000, 1024 * 1024, new DropCounter(new SimpleMeterRegistry(), System::nanoTime, Duration.ofHours(1)));

        // When a 5 MiB call is queued, then a small one behind it
        boolean large = queue.offer(List::of, 5L * 1024 * 1024);
        boolean small = queue.offer(List::of, 1024);

        // Then the large one is taken (the bound is on what waits behind it) and the small one is refused
        assertThat(large).isTrue();
        assertThat(small).isFalse();
        assertThat(queue.items()).hasSize(1);
    }
}
