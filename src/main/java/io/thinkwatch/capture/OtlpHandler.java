package io.thinkwatch.capture;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import org.jboss.logging.Logger;

import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.otlp.GenAiSpans;
import io.thinkwatch.otlp.OtlpEncoding;
import io.thinkwatch.redaction.Policies;
import io.thinkwatch.redaction.TraceRedaction;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.NameBasedGenerator;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.Code;
import com.google.rpc.Status;

/**
 * {@code POST /v1/traces} on the capture port: OTLP/HTTP from applications instrumented with OpenTelemetry. Their
 * GenAI spans become traces published like ingested ones (same key check, redaction and record limit); other spans
 * are ignored and counted. Answers as the OTLP specification says: {@code ExportTraceServiceResponse} with
 * {@code partial_success} for spans that could not be used, errors as a {@code google.rpc.Status} in the request's
 * encoding, a full publish queue as a retryable 503 with {@code Retry-After}.
 */
final class OtlpHandler {

    static final String PATH = "/v1/traces";
    private static final Logger LOG = Logger.getLogger(OtlpHandler.class);
    private static final String OWNER = "thinkwatch.owner";
    private static final String ENCODING = "thinkwatch.otlp.encoding";
    private static final String RETRY_AFTER_SECONDS = "5";
    /** Rejection reasons quoted in the answer's message; the count covers all of them. */
    private static final int MAX_REASONS = 5;

    /** Name-based ids: a span sent again (exporters retry) is the same trace, and never another tenant's. */
    private static final NameBasedGenerator IDS =
            Generators.nameBasedGenerator(UUID.fromString("0b9f3c55-27c4-4a8e-8f0e-6f746c700001"));

    private final GenAiSpans spans;
    private final IngestedTrace.Filler filler;
    private final TracePublisher publisher;
    private final KeyGate keys;
    private final Policies redaction;
    private final long maxBody;
    private final CaptureMetrics metrics;
    private final ObjectMapper mapper;

    OtlpHandler(
            GenAiSpans spans,
            IngestedTrace.Filler filler,
            TracePublisher publisher,
            KeyGate keys,
            Policies redaction,
            long maxBody,
            CaptureMetrics metrics,
            ObjectMapper mapper) {
        this.spans = spans;
        this.filler = filler;
        this.publisher = publisher;
        this.keys = keys;
        this.redaction = redaction;
        this.maxBody = maxBody;
        this.metrics = metrics;
        this.mapper = mapper;
    }

    /** Content type, encoding, key and declared length, checked before the body is read. */
    void checkHeaders(RoutingContext ctx) {
        RequestTiming.of(ctx).route("otlp");
        OtlpEncoding encoding =
                OtlpEncoding.of(ctx.request().getHeader("content-type")).orElse(null);
        if (encoding == null) {
            unsupported(
                    ctx.response(),
                    "Content-Type must be application/x-protobuf or application/json (OTLP/HTTP), was "
                            + ctx.request().getHeader("content-type"));
            return;
        }
        ctx.put(ENCODING, encoding);
        String contentEncoding = ctx.request().getHeader("content-encoding");
        if (contentEncoding != null
                && !contentEncoding.equalsIgnoreCase("gzip")
                && !contentEncoding.equalsIgnoreCase("identity")) {
            unsupported(ctx.response(), "Content-Encoding must be gzip or none, was " + contentEncoding);
            return;
        }
        KeyGate.Outcome outcome = keys.admit(ctx.request().headers(), true);
        if (outcome instanceof KeyGate.Refused refused) {
            status(ctx.response(), encoding, refused.status(), refused.code() + ": " + refused.message());
            return;
        }
        KeyGate.Admitted admitted = (KeyGate.Admitted) outcome;
        ctx.put(OWNER, IngestedTrace.Owner.of(admitted));
        if (IngestHandler.announcedOver(ctx.request().getHeader("content-length"), maxBody)) {
            tooLarge(ctx.response(), encoding);
            return;
        }
        if ("100-continue".equalsIgnoreCase(ctx.request().getHeader("expect"))) {
            ctx.response().writeContinue();
        }
        ctx.next();
    }

    /** Reads the body off the event loop: a request of 10,000 spans takes a while to decode and map. */
    void handle(RoutingContext ctx) {
        RequestTiming.of(ctx).route("otlp");
        OtlpEncoding encoding = ctx.get(ENCODING);
        IngestedTrace.Owner owner = ctx.get(OWNER);
        boolean gzip = "gzip".equalsIgnoreCase(ctx.request().getHeader("content-encoding"));
        byte[] body =
                ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        ctx.vertx()
                .executeBlocking(() -> answer(encoding, owner, gzip, body), false)
                .onComplete(done -> {
                    Answer answer = done.succeeded() ? done.result() : failed(encoding, done.cause());
                    send(ctx.response(), answer);
                });
    }

    /** A body over the limit while read (the body handler fails with 413). */
    void failure(RoutingContext ctx) {
        RequestTiming.of(ctx).route("otlp");
        OtlpEncoding encoding = ctx.get(ENCODING);
        if (ctx.statusCode() == 413 && encoding != null) {
            tooLarge(ctx.response(), encoding);
        } else {
            LOG.warnf("OTLP request failed: %s", String.valueOf(ctx.failure()));
            send(
                    ctx.response(),
                    errorAnswer(
                            encoding == null ? OtlpEncoding.JSON : encoding,
                            ctx.statusCode() > 0 ? ctx.statusCode() : 500,
                            "server_error: the request could not be read"));
        }
    }

    private record Answer(int status, String contentType, Buffer body, boolean retryAfter) {}

    private Answer answer(OtlpEncoding encoding, IngestedTrace.Owner owner, boolean gzip, byte[] body) {
        byte[] raw;
        try {
            raw = gzip ? gunzip(body) : body;
        } catch (IOException e) {
            return errorAnswer(encoding, 400, "bad_request: body: not valid gzip (" + e.getMessage() + ")");
        }
        if (raw == null) {
            return errorAnswer(encoding, 413, tooLargeMessage());
        }
        ExportTraceServiceRequest request;
        try {
            request = encoding.decode(raw);
        } catch (InvalidProtocolBufferException e) {
            return errorAnswer(
                    encoding,
                    400,
                    "bad_request: body: not an OTLP ExportTraceServiceRequest in "
                            + (encoding == OtlpEncoding.PROTOBUF ? "protobuf" : "JSON") + ": " + e.getMessage());
        }
        GenAiSpans.Batch batch = spans.read(request);
        List<TraceEvent> traces = new ArrayList<>(batch.calls().size());
        List<String> reasons = new ArrayList<>();
        batch.rejected().forEach(r -> reasons.add("span " + r.otelSpanId() + ": " + r.reason()));
        for (GenAiSpans.Call call : batch.calls()) {
            TraceEvent draft = owned(call, owner);
            List<String> problems = IngestedTrace.problems(draft, owner);
            if (!problems.isEmpty()) {
                reasons.add("span " + call.otelSpanId() + ": " + String.join("; ", problems));
                continue;
            }
            TraceEvent trace = filler.fill(draft, owner);
            if (!call.answerRecorded()) {
                // Without the output, a missing answer says nothing about an empty one: only the counts may.
                trace = trace.with().emptyAnswer(draft.emptyAnswer()).build();
            }
            traces.add(trace);
        }
        if (!traces.isEmpty()
                && !publisher.offer(
                        traces,
                        raw.length,
                        trace -> TraceRedaction.apply(redaction.policy(trace.tenant(), null), trace))) {
            Answer busy = errorAnswer(
                    encoding,
                    503,
                    "unavailable: capture is at capacity; nothing of this request was accepted, send it again later");
            return new Answer(busy.status(), busy.contentType(), busy.body(), true);
        }
        metrics.otlpSpans("accepted", traces.size());
        metrics.otlpSpans("rejected", reasons.size());
        metrics.otlpSpans("ignored", batch.ignored());
        ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
        if (!reasons.isEmpty()) {
            String message = String.join("\n", reasons.subList(0, Math.min(MAX_REASONS, reasons.size())))
                    + (reasons.size() > MAX_REASONS ? "\n(and " + (reasons.size() - MAX_REASONS) + " more)" : "");
            response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                    .setRejectedSpans(reasons.size())
                    .setErrorMessage(message));
        }
        return new Answer(200, encoding.mediaType(), Buffer.buffer(encoding.encode(response.build())), false);
    }

    /** The draft with its id, and the app and environment of a key bound to them (the key wins over attributes). */
    private static TraceEvent owned(GenAiSpans.Call call, IngestedTrace.Owner owner) {
        TraceEvent draft = call.draft();
        return draft.with()
                .traceId(IDS.generate(owner.tenant() + "\n" + call.otelTraceId() + "\n" + call.otelSpanId())
                        .toString())
                .app(owner.app() != null ? owner.app() : draft.app())
                .env(owner.env() != null ? owner.env() : draft.env())
                .build();
    }

    /** The inflated body, or null when it is larger than the limit. */
    private byte[] gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] raw = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
            return raw.length > maxBody ? null : raw;
        }
    }

    private Answer failed(OtlpEncoding encoding, Throwable cause) {
        LOG.errorf("OTLP request could not be handled: %s", cause.toString());
        return errorAnswer(encoding, 500, "server_error: the request could not be handled");
    }

    private static Answer errorAnswer(OtlpEncoding encoding, int httpStatus, String message) {
        Status status = Status.newBuilder()
                .setCode(grpcCode(httpStatus).getNumber())
                .setMessage(message)
                .build();
        return new Answer(httpStatus, encoding.mediaType(), Buffer.buffer(encoding.encode(status)), false);
    }

    /** The gRPC code the OTLP specification pairs with an HTTP status. */
    private static Code grpcCode(int httpStatus) {
        return switch (httpStatus) {
            case 400, 413 -> Code.INVALID_ARGUMENT;
            case 401 -> Code.UNAUTHENTICATED;
            case 403 -> Code.PERMISSION_DENIED;
            case 503 -> Code.UNAVAILABLE;
            default -> Code.INTERNAL;
        };
    }

    private String tooLargeMessage() {
        return "bad_request: body: larger than " + maxBody + " bytes (after gzip); send smaller batches";
    }

    private void tooLarge(HttpServerResponse response, OtlpEncoding encoding) {
        send(response, errorAnswer(encoding, 413, tooLargeMessage()));
    }

    private void status(HttpServerResponse response, OtlpEncoding encoding, int httpStatus, String message) {
        send(response, errorAnswer(encoding, httpStatus, message));
    }

    /** No OTLP encoding to answer in: Thinkwatch's JSON error. */
    private void unsupported(HttpServerResponse response, String message) {
        try {
            send(
                    response,
                    new Answer(
                            415,
                            "application/json",
                            Buffer.buffer(mapper.writeValueAsBytes(
                                    new io.thinkwatch.platform.ApiError("bad_request", message, List.of()))),
                            false));
        } catch (JsonProcessingException e) {
            response.setStatusCode(415).end();
        }
    }

    private static void send(HttpServerResponse response, Answer answer) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (answer.retryAfter()) {
            response.putHeader("retry-after", RETRY_AFTER_SECONDS);
        }
        response.setStatusCode(answer.status())
                .putHeader("content-type", answer.contentType())
                .end(answer.body());
    }
}
