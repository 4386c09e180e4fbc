package io.thinkwatch.export;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Sends spans through the SDK's OTLP exporter, one request at a time, and keeps the account health shows: spans sent,
 * failed attempts, the last failure. A failed attempt throws, so the consumer retries the same spans with backoff
 * (Kafka keeps what is not yet exported).
 */
final class SpanExport {

    private static final Logger LOG = Logger.getLogger(SpanExport.class);

    /** What health shows of the export. */
    record State(
            long exportedSpans,
            long failedAttempts,
            long consecutiveFailures,
            String lastFailure,
            Instant lastSuccess) {}

    private final SpanExporter exporter;
    private final Duration timeout;
    private final Counter exported;
    private final Counter failed;
    private final AtomicLong exportedTotal = new AtomicLong();
    private final AtomicLong failedTotal = new AtomicLong();
    private final AtomicLong consecutive = new AtomicLong();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();

    SpanExport(SpanExporter exporter, Duration timeout, MeterRegistry registry) {
        this.exporter = exporter;
        this.timeout = timeout;
        this.exported = registry.counter("thinkwatch.export.spans", "outcome", "exported");
        this.failed = registry.counter("thinkwatch.export.attempts", "outcome", "failed");
    }

    /** Sends the spans; throws when the endpoint did not take them, so the caller tries again. */
    void send(Collection<SpanData> spans) {
        if (spans.isEmpty()) {
            return;
        }
        CompletableResultCode result = exporter.export(spans).join(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (result.isSuccess()) {
            exported.increment(spans.size());
            exportedTotal.addAndGet(spans.size());
            consecutive.set(0);
            lastSuccess.set(Instant.now());
            return;
        }
        failed.increment();
        failedTotal.incrementAndGet();
        consecutive.incrementAndGet();
        Throwable cause = result.getFailureThrowable();
        String reason = cause != null ? cause.toString() : result.isDone() ? "refused" : "no answer within " + timeout;
        lastFailure.set(Instant.now() + " " + reason);
        LOG.warnf("Export of %d spans failed (%s); tried again after a pause", spans.size(), reason);
        throw new IllegalStateException("OTLP export failed: " + reason);
    }

    State state() {
        return new State(
                exportedTotal.get(), failedTotal.get(), consecutive.get(), lastFailure.get(), lastSuccess.get());
    }

    void close() {
        exporter.shutdown().join(5, TimeUnit.SECONDS);
    }
}
