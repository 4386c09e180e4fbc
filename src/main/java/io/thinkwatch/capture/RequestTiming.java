package io.thinkwatch.capture;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * When capture received one request and when its upstream call started and ended, kept in the routing
 * context, so {@link CaptureMetrics} can tell the upstream's time from the time capture adds.
 */
final class RequestTiming {

    private static final String KEY = "thinkwatch.timing";
    /** The status of a request whose client hung up before the last byte. */
    private static final String ABORTED = "aborted";

    private final long receivedAt = System.nanoTime();
    private volatile String route = "passthrough";
    private volatile long upstreamSent = -1;
    private volatile long upstreamEnded = -1;

    /** The first handler of the capture server: starts the clock and records the request when it ends. */
    static Handler<RoutingContext> start(CaptureMetrics metrics) {
        return ctx -> {
            RequestTiming timing = new RequestTiming();
            ctx.put(KEY, timing);
            ctx.addEndHandler(done -> metrics.request(
                    timing.route,
                    done.succeeded() ? String.valueOf(ctx.response().getStatusCode()) : ABORTED,
                    timing.receivedAt,
                    timing.upstreamNanos()));
            ctx.next();
        };
    }

    /** The timing of this request (a detached one if the start handler did not run). */
    static RequestTiming of(RoutingContext ctx) {
        RequestTiming timing = ctx.get(KEY);
        return timing != null ? timing : new RequestTiming();
    }

    /** Names the route in the metrics: the provider API, or {@code ingest}. */
    RequestTiming route(String name) {
        this.route = name;
        return this;
    }

    /** Marks the moment the request goes upstream. */
    RequestTiming upstreamSending() {
        upstreamSent = System.nanoTime();
        return this;
    }

    /** Watches the upstream answer to note when its last byte arrived; returns it unchanged. */
    HttpClientResponse upstreamAnswered(HttpClientResponse response) {
        response.end().onComplete(v -> upstreamEnded = System.nanoTime());
        return response;
    }

    private long upstreamNanos() {
        return upstreamSent < 0 || upstreamEnded < 0 ? -1 : upstreamEnded - upstreamSent;
    }
}
