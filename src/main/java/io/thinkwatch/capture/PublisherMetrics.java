package io.thinkwatch.capture;

import java.util.Collection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The publisher's meters: traces published, spooled, dropped and failed; queue and spool sizes. */
final class PublisherMetrics {

    private final MeterRegistry registry;
    private final Counter published;
    private final Counter spooled;
    private final Counter failed;

    PublisherMetrics(MeterRegistry registry, Collection<?> queue, TraceSpool spool) {
        this.registry = registry;
        this.published = registry.counter("thinkwatch.traces.published");
        this.spooled = registry.counter("thinkwatch.traces.spooled");
        this.failed = registry.counter("thinkwatch.traces.failed");
        dropCounter("queue_full");
        dropCounter("spool_full");
        Gauge.builder("thinkwatch.traces.queued", queue, Collection::size)
                .description("trace batches waiting in memory for the publisher").register(registry);
        Gauge.builder("thinkwatch.capture.spool.records", spool, TraceSpool::records)
                .description("traces in the on-disk spool, waiting for Kafka").register(registry);
        Gauge.builder("thinkwatch.capture.spool.bytes", spool, TraceSpool::bytes)
                .baseUnit("bytes").description("size of the traces in the on-disk spool").register(registry);
    }

    private Counter dropCounter(String reason) {
        return registry.counter("thinkwatch.traces.dropped", "reason", reason);
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

    void dropped(String reason, int count) {
        dropCounter(reason).increment(count);
    }

    /** All traces dropped since start. */
    double dropped() {
        return dropCounter("queue_full").count() + dropCounter("spool_full").count();
    }
}
