package io.thinkwatch.capture;

import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.platform.ApiError;
import io.thinkwatch.redaction.Policies;
import io.thinkwatch.redaction.TraceRedaction;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/v1/traces} on the capture port: traces an application sends itself. A batch is accepted or
 * refused as a whole, so a client that gets a 400 can fix and resend all of it without making duplicates.
 */
final class IngestHandler {

    private static final Logger LOG = Logger.getLogger(IngestHandler.class);
    private static final String OWNER = "thinkwatch.owner";

    private final IngestReader reader;
    private final TracePublisher publisher;
    private final ObjectMapper mapper;
    private final long maxBody;
    private final KeyGate keys;
    private final Policies redaction;

    IngestHandler(
            IngestReader reader,
            TracePublisher publisher,
            ObjectMapper mapper,
            long maxBody,
            KeyGate keys,
            Policies redaction) {
        this.reader = reader;
        this.redaction = redaction;
        this.keys = keys;
        this.publisher = publisher;
        this.mapper = mapper;
        this.maxBody = maxBody;
    }

    /**
     * Refuses a body announced as too large before reading it (with {@code Expect: 100-continue} the client
     * never sends it), and lets a client that waits for {@code 100 Continue} go on otherwise.
     */
    void checkLength(RoutingContext ctx) {
        RequestTiming.of(ctx).route("ingest");
        KeyGate.Outcome outcome = keys.admit(ctx.request().headers(), true);
        if (outcome instanceof KeyGate.Refused refused) {
            answer(ctx.response(), refused.status(), ApiError.of(refused.code(), refused.message()));
            return;
        }
        KeyGate.Admitted admitted = (KeyGate.Admitted) outcome;
        ctx.put(OWNER, IngestedTrace.Owner.of(admitted));
        if (announcedOver(ctx.request().getHeader("content-length"), maxBody)) {
            tooLarge(ctx.response());
            return;
        }
        if ("100-continue".equalsIgnoreCase(ctx.request().getHeader("expect"))) {
            ctx.response().writeContinue();
        }
        ctx.next();
    }

    void handle(RoutingContext ctx) {
        RequestTiming.of(ctx).route("ingest");
        byte[] body =
                ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        IngestReader.Result result = reader.read(body, ctx.get(OWNER));
        if (result instanceof IngestReader.Refused refused) {
            answer(ctx.response(), 400, new ApiError("bad_request", refused.message(), refused.details()));
        } else if (result instanceof IngestReader.Accepted accepted) {
            List<TraceEvent> traces = accepted.traces();
            // Redacted on the publisher thread, off the event loop; capture's count replaces any the sender gave.
            if (!publisher.offer(
                    traces,
                    body.length,
                    trace -> TraceRedaction.apply(redaction.policy(trace.tenant(), null), trace))) {
                answer(
                        ctx.response(),
                        503,
                        ApiError.of(
                                "unavailable",
                                "capture is at capacity; nothing of this request was accepted, send it again later"));
                return;
            }
            answer(
                    ctx.response(),
                    202,
                    Map.of("traceIds", traces.stream().map(TraceEvent::traceId).toList()));
        }
    }

    /** A body over the limit, declared or while read (the body handler fails with 413). */
    void failure(RoutingContext ctx) {
        RequestTiming.of(ctx).route("ingest");
        if (ctx.statusCode() == 413) {
            tooLarge(ctx.response());
        } else {
            LOG.warnf("Ingest failed: %s", String.valueOf(ctx.failure()));
            answer(
                    ctx.response(),
                    ctx.statusCode() > 0 ? ctx.statusCode() : 500,
                    ApiError.of("server_error", "the request could not be read"));
        }
    }

    private void tooLarge(HttpServerResponse response) {
        answer(
                response,
                413,
                new ApiError(
                        "bad_request",
                        "body too large",
                        List.of("body: larger than " + maxBody + " bytes; send smaller batches")));
    }

    private void answer(HttpServerResponse response, int status, Object body) {
        if (response.ended() || response.closed()) {
            return;
        }
        try {
            response.setStatusCode(status)
                    .putHeader("content-type", "application/json")
                    .end(mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            response.setStatusCode(500).end();
        }
    }

    /** Whether the request's {@code Content-Length} announces more than {@code max} bytes (a body can still lie). */
    static boolean announcedOver(String contentLength, long max) {
        return contentLength != null
                && !contentLength.isEmpty()
                && contentLength.length() < 19
                && contentLength.chars().allMatch(Character::isDigit)
                && Long.parseLong(contentLength) > max;
    }
}
