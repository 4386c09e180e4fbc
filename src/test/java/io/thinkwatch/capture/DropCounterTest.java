package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class DropCounterTest {

    private final AtomicLong clock = new AtomicLong(42L);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DropCounter drops = new DropCounter(registry, clock::get, Duration.ofSeconds(10));

    @Test
    void theFirstDropIsLoggedAndTheRestOfTheIntervalIsReportedWithTheNextLine() {
        // Given one drop logged at once, then four more within the interval
        long first = drops.dropped(DropCounter.Reason.SPOOL_FULL, 1);
        for (int i = 0; i < 4; i++) {
            clock.addAndGet(Duration.ofSeconds(2).toNanos());
            assertThat(drops.dropped(DropCounter.Reason.SPOOL_FULL, 1)).isZero();
        }

        // When one more drop comes after the interval
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        long second = drops.dropped(DropCounter.Reason.QUEUE_FULL, 1);

        // Then two lines reported 1 and 5, and the meters count every drop by reason
        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(5);
        assertThat(drops.unlogged()).isZero();
        assertThat(registry.counter("thinkwatch.traces.dropped", "reason", "spool_full")
                        .count())
                .isEqualTo(5.0);
        assertThat(registry.counter("thinkwatch.traces.dropped", "reason", "queue_full")
                        .count())
                .isEqualTo(1.0);
        assertThat(drops.total()).isEqualTo(6.0);
    }

    @Test
    void dropsFromSeveralThreadsAreEachCountedAndReportedOnce() throws Exception {
        // Given a log interval of 20,000 ticks of a clock that ticks on every reading
        DropCounter counted = new DropCounter(registry, clock::incrementAndGet, Duration.ofNanos(20_000));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Long>> reported = new ArrayList<>();

        // When four threads drop 25,000 traces each at the same time
        for (int t = 0; t < 4; t++) {
            reported.add(threads.submit(() -> {
                go.await();
                long sum = 0;
                for (int i = 0; i < 25_000; i++) {
                    sum += counted.dropped(DropCounter.Reason.QUEUE_FULL, 1);
                }
                return sum;
            }));
        }
        go.countDown();
        long inLogLines = 0;
        for (Future<Long> f : reported) {
            inLogLines += f.get();
        }
        threads.shutdown();

        // Then the meter counts all 100,000, and the log lines and what is left to report add up to them too
        assertThat(registry.counter("thinkwatch.traces.dropped", "reason", "queue_full")
                        .count())
                .isEqualTo(100_000.0);
        assertThat(inLogLines + counted.unlogged()).isEqualTo(100_000L);
        assertThat(inLogLines).isPositive();
    }
}
