package io.thinkwatch.capture;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.unrecorded.UnrecordedTally;

/**
 * Capture's request meters: calls by route and status, the upstream's latency, the latency capture adds,
 * reasoning tokens by model, and calls forwarded unrecorded by path shape. Model names and paths come from
 * applications, so only the first {@value #MAX_MODELS} distinct models and {@value #MAX_SHAPES} shapes get
 * their own series; later ones are counted as {@code other}.
 */
@ApplicationScoped
public class CaptureMetrics {

    static final int MAX_MODELS = 200;
    static final int MAX_SHAPES = 200;
    private static final Logger LOG = Logger.getLogger(CaptureMetrics.class);

    private final MeterRegistry registry;
    private final Set<String> models = ConcurrentHashMap.newKeySet();
    private final Set<String> shapes = ConcurrentHashMap.newKeySet();
    /** By route and status; routes and statuses are capture's own words and HTTP codes, a bounded set. */
    private final Map<List<String>, Timer> requests = new ConcurrentHashMap<>();

    private final Map<String, Timer> upstreamLatency = new ConcurrentHashMap<>();
    private final Map<String, Timer> overhead = new ConcurrentHashMap<>();

    private final UnrecordedTally tally;

    public CaptureMetrics(MeterRegistry registry, UnrecordedTally tally) {
        this.registry = registry;
        this.tally = tally;
    }

    /**
     * One finished request.
     *
     * @param route          the API (e.g. {@code chat.completions}), {@code ingest} or {@code passthrough}
     * @param status         the HTTP status sent, or {@code aborted} when the client hung up before the end
     * @param receivedAt     {@link System#nanoTime()} when capture got the request
     * @param upstreamNanos  time from sending the request upstream to the upstream's last byte; negative
     *                       when there was no upstream answer
     */
    void request(String route, String status, long receivedAt, long upstreamNanos) {
        long total = System.nanoTime() - receivedAt;
        // Looked up by key rather than built and registered again: this runs on the event loop for every call.
        requests.computeIfAbsent(
                        List.of(route, status),
                        key -> Timer.builder("thinkwatch.capture.requests")
                                .description("requests served by capture, until the last byte")
                                .tags("route", route, "status", status)
                                .register(registry))
                .record(total, TimeUnit.NANOSECONDS);
        if (upstreamNanos >= 0) {
            upstreamLatency
                    .computeIfAbsent(
                            route,
                            key -> Timer.builder("thinkwatch.capture.upstream.latency")
                                    .description("upstream time, request sent to last byte")
                                    .tags("route", route)
                                    .publishPercentileHistogram()
                                    .register(registry))
                    .record(upstreamNanos, TimeUnit.NANOSECONDS);
            overhead.computeIfAbsent(
                            route,
                            key -> Timer.builder("thinkwatch.capture.overhead")
                                    .description("latency capture adds: request time minus upstream time")
                                    .tags("route", route)
                                    .publishPercentileHistogram()
                                    .register(registry))
                    .record(Math.max(0, total - upstreamNanos), TimeUnit.NANOSECONDS);
        }
    }

    /** Every redaction type starts at 0, so a rate over it is defined before the first secret. */
    void redactionTypes(List<String> types) {
        types.forEach(this::redactions);
    }

    private Counter redactions(String type) {
        return Counter.builder("thinkwatch.capture.redactions")
                .description("secrets and personal data replaced in recorded texts, by detector type")
                .tags("type", type)
                .register(registry);
    }

    /** Redactions of a trace by type, and its reasoning tokens by model (traces without a reported count left out). */
    void trace(TraceEvent trace) {
        if (trace.redactionsByType() != null) {
            trace.redactionsByType().forEach((type, count) -> redactions(type).increment(count));
        }
        if (trace.usage() == null || trace.usage().reasoningTokens() == null) {
            return;
        }
        String model = trace.model() == null ? "unknown" : trace.model();
        if (!models.contains(model)) {
            if (models.size() < MAX_MODELS) {
                models.add(model);
            } else {
                model = "other";
            }
        }
        DistributionSummary.builder("thinkwatch.capture.reasoning.tokens")
                .description("reasoning tokens per call")
                .tags(
                        "model",
                        model,
                        "provider",
                        trace.provider() == null ? "other" : trace.provider().wire())
                .register(registry)
                .record(trace.usage().reasoningTokens());
    }

    /**
     * A call forwarded without a trace, by method and path shape ({@link UnrecordedPath#shape}); the first call
     * of each shape is logged, so an operator learns that a client uses a route capture does not record. The call is
     * also counted for the tenant in the {@link UnrecordedTally}, which capture reports to the console.
     */
    void unrecorded(String tenant, String method, String shape, String upstream) {
        tally.add(tenant, method, shape, upstream);
        String key = method + " " + shape;
        if (!shapes.contains(key)) {
            if (shapes.size() >= MAX_SHAPES) {
                shape = "other";
            } else if (shapes.add(key)) {
                LOG.infof(
                        "Capture forwards %s %s to upstream '%s' without recording it (first call of this shape; "
                                + "all are counted in thinkwatch_capture_unrecorded_total)",
                        method, shape, upstream);
            }
        }
        Counter.builder("thinkwatch.capture.unrecorded")
                .description("calls forwarded without a trace, by path shape")
                .tags("method", method, "shape", shape)
                .register(registry)
                .increment();
    }

    /** A call refused for its capture key, by error code ({@code thinkwatch_key_invalid}, ...). */
    void keyRefused(String code) {
        Counter.builder("thinkwatch.capture.key.refusals")
                .description("calls refused for a missing or invalid capture key, by error code")
                .tags("code", code)
                .register(registry)
                .increment();
    }

    /** Spans an OTLP request held, by what became of them: {@code accepted}, {@code rejected} or {@code ignored}. */
    void otlpSpans(String outcome, int count) {
        Counter.builder("thinkwatch.capture.otlp.spans")
                .description("spans received on /v1/traces: GenAI spans accepted or rejected, other spans ignored")
                .tags("outcome", outcome)
                .register(registry)
                .increment(count);
    }
}
