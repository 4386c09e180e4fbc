package io.thinkwatch.capture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;

/**
 * The publisher's meters: traces published, spooled and failed; queue and spool sizes and the spool's retry
 * wait. Drops are counted by {@link DropCounter}.
 */
final class PublisherMetrics {

    private final MeterRegistry registry;
    private final Counter published;
    private final Counter spooled;
    private final Counter failed;

    PublisherMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.published = registry.counter("thinkwatch.traces.published");
        this.spooled = registry.counter("thinkwatch.traces.spooled");
        this.failed = registry.counter("thinkwatch.traces.failed");
    }

    /** Gauges of what waits: trace batches in memory, traces on disk, and the wait before the spool's next try. */
    void watch(PublishQueue queue, TraceSpool spool, Supplier<Duration> retryWait) {
        Gauge.builder("thinkwatch.traces.queued", queue, q -> q.items().size())
                .description("trace batches waiting in memory for the publisher")
                .register(registry);
        Gauge.builder("thinkwatch.traces.queued.bytes", queue, PublishQueue::bytes)
                .baseUnit("bytes")
                .description("captured bodies held by the trace batches waiting in memory")
                .register(registry);
        Gauge.builder("thinkwatch.capture.spool.records", spool, TraceSpool::records)
                .description("traces in the on-disk spool, waiting for Kafka")
                .register(registry);
        Gauge.builder("thinkwatch.capture.spool.bytes", spool, TraceSpool::bytes)
                .baseUnit("bytes")
                .description("size of the traces in the on-disk spool")
                .register(registry);
        TimeGauge.builder(
                        "thinkwatch.capture.spool.retry.wait",
                        retryWait,
                        TimeUnit.MILLISECONDS,
                        wait -> wait.get().toMillis())
                .description("wait before the next try to send the spool after Kafka refused it; 0 while it takes it")
                // The supplier is a method reference nobody else holds: a gauge's weak reference read NaN after a GC.
                .strongReference(true)
                .register(registry);
    }

    void published(int count) {
        published.increment(count);
    }

    void spooled() {
        spooled.increment();
    }

    void failed() {
        failed.increment();
    }
}
