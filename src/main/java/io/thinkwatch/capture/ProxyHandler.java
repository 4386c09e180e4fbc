package io.thinkwatch.capture;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.thinkwatch.model.Attribution;
import io.thinkwatch.model.TraceIds;
import io.thinkwatch.platform.ApiError;
import io.thinkwatch.redaction.Policies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Forwards a request to its upstream and relays the answer chunk by chunk as it arrives, byte for byte.
 * Recorded routes keep a bounded copy of the response and hand it to the {@link TracePublisher} at the
 * end; all other paths pass through unrecorded.
 */
final class ProxyHandler {

    private static final Logger LOG = Logger.getLogger(ProxyHandler.class);
    /** W3C Trace Context headers, read as sent and parsed later on the publisher thread. */
    private static final CharSequence TRACEPARENT = io.vertx.core.http.HttpHeaders.createOptimized("traceparent");

    private static final CharSequence TRACESTATE = io.vertx.core.http.HttpHeaders.createOptimized("tracestate");

    private final HttpClient client;
    private final CaptureConfig config;
    private final TracePublisher publisher;
    private final ObjectMapper mapper;
    private final PriceTable prices;
    private final TextCut textCut;
    private final CaptureMetrics metrics;
    private final KeyGate keys;
    private final Policies redaction;

    ProxyHandler(
            HttpClient client,
            CaptureConfig config,
            TracePublisher publisher,
            ObjectMapper mapper,
            PriceTable prices,
            CaptureMetrics metrics,
            KeyGate keys,
            Policies redaction) {
        this.client = client;
        this.redaction = redaction;
        this.keys = keys;
        this.metrics = metrics;
        this.config = config;
        this.publisher = publisher;
        this.mapper = mapper;
        this.prices = prices;
        this.textCut = new TextCut(config.maxTextChars());
    }

    /**
     * A Chat Completions body that capture may ask for stream usage is read whole up to this size, so that it goes
     * upstream with its exact length whether or not it was changed; a larger one goes as it arrives (decision 0034).
     */
    static final long ASKED_WHOLE_UP_TO = 64 * 1024;

    /**
     * Whether a recorded call's body is read whole before it is forwarded: a Chat Completions request to an upstream
     * that capture asks for stream usage ({@link StreamUsage}), announced at most {@link #ASKED_WHOLE_UP_TO} long.
     * Every other body goes upstream as it arrives, a copy kept for the trace.
     */
    boolean readsWholeBody(HttpServerRequest request, RouteMatch match) {
        CaptureConfig.Upstream upstream = config.upstreams().get(upstreamName(request, match.route().defaultUpstream));
        return upstream == null
                || (asksForUsage(match.route(), upstream)
                        && !IngestHandler.announcedOver(request.getHeader("content-length"), ASKED_WHOLE_UP_TO)
                        && request.getHeader("content-length") != null);
    }

    private static boolean asksForUsage(RecordedRoute route, CaptureConfig.Upstream upstream) {
        return route.isChatCompletions() && upstream.askForStreamUsage();
    }

    /** A recorded provider call; its body read whole by a body handler, or still to come ({@link #readsWholeBody}). */
    void recorded(RoutingContext ctx, RouteMatch match) {
        RecordedRoute route = match.route();
        HttpServerRequest request = ctx.request();
        boolean bodyRead = ctx.body().available();
        if (!bodyRead) {
            request.pause();
        }
        RequestTiming.of(ctx).route(route.api.wire());
        Optional<KeyGate.Admitted> admitted = admit(ctx);
        if (admitted.isEmpty()) {
            return;
        }
        String upstreamName = upstreamName(request, route.defaultUpstream);
        Optional<CaptureConfig.Upstream> upstream = upstream(ctx, upstreamName);
        if (upstream.isEmpty()) {
            return;
        }
        Attribution who = Attributions.read(request.headers(), admitted.get());
        Buffer body = !bodyRead || ctx.body().buffer() == null
                ? Buffer.buffer()
                : ctx.body().buffer();
        Exchange exchange = new Exchange(
                TraceIds.next(),
                route,
                match.pathModel(),
                upstream.get(),
                body,
                who,
                request.getHeader(TRACEPARENT),
                request.getHeader(TRACESTATE),
                redaction.policy(who.tenant(), upstreamName),
                config.maxRecordedResponse().asLongValue());
        if (!bodyRead) {
            long limit = config.maxRequestBody().asLongValue();
            java.util.function.Consumer<Buffer> copy = chunk -> exchange.requestChunk(chunk, limit);
            // A body that may be asked for usage goes up chunked: its length is known only at its end.
            boolean asks = asksForUsage(route, upstream.get());
            CopiedBody sent = asks
                    ? new CopiedBody(request, copy, new UsageAsk(mapper), exchange::dropUsageChunk)
                    : new CopiedBody(request, copy);
            forward(ctx, upstream.get(), exchange, !asks, up -> up.send(sent));
            return;
        }
        Buffer forwarded = body;
        if (asksForUsage(route, upstream.get())) {
            Optional<Buffer> withUsage = StreamUsage.askForUsage(body, mapper);
            if (withUsage.isPresent()) {
                forwarded = withUsage.get();
                exchange.dropUsageChunk();
            }
        }
        Buffer sent = forwarded;
        forward(ctx, upstream.get(), exchange, false, up -> up.send(sent));
    }

    /**
     * Any other path: forwarded unchanged to the upstream its shape belongs to, body streamed, nothing recorded
     * but counted.
     */
    void passthrough(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        request.pause();
        String path = java.util.Objects.requireNonNullElse(request.path(), "/");
        Optional<KeyGate.Admitted> admitted = admit(ctx);
        if (admitted.isEmpty()) {
            return;
        }
        String name = upstreamName(request, UnrecordedPath.upstreamFor(path, request.headers()));
        metrics.unrecorded(admitted.get().tenant(), request.method().name(), UnrecordedPath.shape(path), name);
        upstream(ctx, name).ifPresent(up -> forward(ctx, up, null, true, sending -> sending.send(request)));
    }

    /** The call's owner by its capture key; empty, and the call answered, when the key is refused. */
    private Optional<KeyGate.Admitted> admit(RoutingContext ctx) {
        KeyGate.Outcome outcome = keys.admit(ctx.request().headers(), false);
        if (outcome instanceof KeyGate.Refused refused) {
            ctx.request().resume();
            error(ctx.response(), refused.status(), refused.code(), refused.message());
            return Optional.empty();
        }
        return Optional.of((KeyGate.Admitted) outcome);
    }

    /** The upstream a request names in {@code X-Thinkwatch-Upstream}, else the default of its route. */
    private static String upstreamName(HttpServerRequest request, String fallback) {
        return Optional.ofNullable(request.getHeader(Attributions.UPSTREAM)).orElse(fallback);
    }

    private Optional<CaptureConfig.Upstream> upstream(RoutingContext ctx, String name) {
        CaptureConfig.Upstream upstream = config.upstreams().get(name);
        if (upstream == null) {
            ctx.request().resume();
            error(
                    ctx.response(),
                    502,
                    "unknown_upstream",
                    "No upstream named '" + name + "' is configured; known: "
                            + config.upstreams().keySet());
        }
        return Optional.ofNullable(upstream);
    }

    /** @param keepsLength whether the body goes up as the application sent it, with the length it announced */
    private void forward(
            RoutingContext ctx,
            CaptureConfig.Upstream upstream,
            Exchange exchange,
            boolean keepsLength,
            java.util.function.Function<HttpClientRequest, Future<HttpClientResponse>> send) {
        HttpServerRequest request = ctx.request();
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setAbsoluteURI(withoutTrailingSlash(upstream.url().toString()) + request.uri())
                .setIdleTimeout(config.upstreamIdleTimeout().toMillis());
        // A SigV4-signed request keeps every header its signature covers (Host too), whatever it is (decision 0031)
        java.util.Set<String> signed = SignedHeaders.of(request.getHeader("authorization"));
        // A body forwarded as it arrives keeps the length the application announced (else it would go up chunked);
        // a body read whole is sent with its own length.
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (signed.contains(lower)
                    || (keepsLength && "content-length".equals(lower))
                    || (!Attributions.isThinkwatchHeader(name)
                            && !Attributions.HOP_BY_HOP.contains(lower)
                            && !(exchange != null && "accept-encoding".equals(lower)))) {
                options.addHeader(name, header.getValue());
            }
        }
        HttpServerResponse response = ctx.response();
        RequestTiming timing = RequestTiming.of(ctx).upstreamSending();
        client.request(options)
                .compose(up -> {
                    // An end handler of the routing context, not the response's close handler: that one belongs
                    // to the routing context, which needs it to run the end handlers (request metrics) too.
                    ctx.addEndHandler(done -> {
                        if (done.failed() && !response.ended()) {
                            // Marked before the reset: resetting may fail the upstream response at once, and
                            // the trace must say the client left, not that the provider failed.
                            if (exchange != null) {
                                exchange.clientAborted();
                            }
                            up.reset();
                            if (exchange != null) {
                                finish(exchange);
                            }
                        }
                    });
                    return send.apply(up);
                })
                .onSuccess(upResponse -> relay(timing.upstreamAnswered(upResponse), response, exchange))
                .onFailure(failure -> {
                    LOG.debugf("Upstream %s failed: %s", upstream.url(), failure.toString());
                    if (exchange != null) {
                        exchange.upstreamFailed("upstream unreachable: " + failure.getMessage());
                        finish(exchange);
                    }
                    if (response.closed()) {
                        return;
                    } else if (!response.headWritten()) {
                        if (exchange != null) {
                            // The failed call is recorded: the application can find its trace.
                            response.putHeader(Attributions.TRACE_ID, exchange.traceId);
                        }
                        error(
                                response,
                                502,
                                "upstream_unreachable",
                                "The upstream could not be reached: " + failure.getMessage());
                    } else {
                        response.reset();
                    }
                });
    }

    private void relay(HttpClientResponse upResponse, HttpServerResponse response, Exchange exchange) {
        response.setStatusCode(upResponse.statusCode()).setStatusMessage(upResponse.statusMessage());
        upResponse.headers().forEach(header -> {
            if (!Attributions.HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                response.headers().add(header.getKey(), header.getValue());
            }
        });
        SseFrames frames = exchange != null
                        && exchange.dropsUsageChunk()
                        && upResponse.statusCode() == 200
                        && isEventStream(upResponse.getHeader("content-type"))
                ? new SseFrames()
                : null;
        String length = upResponse.getHeader("content-length");
        if (length != null && frames == null) {
            response.putHeader("content-length", length);
        } else {
            response.setChunked(true);
        }
        if (exchange != null) {
            response.putHeader(Attributions.TRACE_ID, exchange.traceId);
            exchange.responseStarted(upResponse.statusCode(), upResponse.getHeader("content-type"));
        }
        RelayWrites writes = RelayWrites.to(response, Vertx.currentContext());
        upResponse.handler(chunk -> {
            if (exchange != null) {
                exchange.chunk(chunk);
            }
            if (frames == null) {
                writes.write(chunk);
            } else {
                // One write per chunk, as it came, less the usage chunk: a write per frame cost more than the frames.
                Buffer passed = Buffer.buffer(chunk.length());
                for (Buffer frame : frames.push(chunk)) {
                    if (!StreamUsage.isUsageOnly(frame, mapper)) {
                        passed.appendBuffer(frame);
                    }
                }
                writes.write(passed);
            }
            if (response.writeQueueFull()) {
                upResponse.pause();
                response.drainHandler(v -> upResponse.resume());
            }
        });
        upResponse.exceptionHandler(failure -> {
            if (exchange != null) {
                exchange.upstreamFailed("upstream failed mid-response: " + failure.getMessage());
                finish(exchange);
            }
            writes.drop();
            response.reset();
        });
        upResponse.endHandler(v -> {
            if (frames != null) {
                Buffer rest = frames.rest();
                if (rest.length() > 0 && !StreamUsage.isUsageOnly(rest, mapper)) {
                    writes.write(rest);
                }
            }
            writes.flush();
            response.end();
            if (exchange != null) {
                finish(exchange);
            }
        });
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static boolean isEventStream(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    private void finish(Exchange exchange) {
        if (exchange.finish()) {
            publisher.publish(() -> exchange.toTrace(mapper, config.instance(), textCut, prices), exchange.bytes());
        }
    }

    private void error(HttpServerResponse response, int status, String code, String message) {
        try {
            response.setStatusCode(status)
                    .putHeader("content-type", "application/json")
                    .end(mapper.writeValueAsString(ApiError.of(code, message)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            response.setStatusCode(status).end();
        }
    }
}
