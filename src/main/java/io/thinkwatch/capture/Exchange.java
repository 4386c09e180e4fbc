package io.thinkwatch.capture;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.thinkwatch.capture.provider.ProviderCall;
import io.thinkwatch.capture.provider.ProviderParser;
import io.thinkwatch.capture.provider.ResponseCopy;
import io.thinkwatch.capture.provider.Timings;
import io.thinkwatch.capture.provider.TraceAssembler;
import io.thinkwatch.model.Attribution;
import io.thinkwatch.model.TraceContext;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.redaction.Policy;
import io.thinkwatch.redaction.TraceRedaction;
import io.vertx.core.buffer.Buffer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * One recorded call in flight: the request, a bounded copy of the response, and its timings. Lives on
 * one event loop; {@link #toTrace} runs later on the publisher thread, after the last write to it.
 */
final class Exchange {

    final String traceId;
    private final RecordedRoute route;
    private final String pathModel;
    private final CaptureConfig.Upstream upstream;
    private final Buffer requestBody;
    private final Attribution who;
    /** The request's W3C {@code traceparent} and {@code tracestate} headers as sent; read on the publisher thread. */
    private final String traceparent;

    private final String tracestate;
    private final Policy redaction;
    private final Instant startedAt = Instant.now();
    private final long copyLimit;
    private final Buffer copy = Buffer.buffer();
    private Instant firstByteAt;
    /** Arrival of each copied chunk and the copy's length after it, to turn a parser's offset into a time. */
    private final List<Instant> chunkTimes = new ArrayList<>();

    private final List<Integer> chunkEnds = new ArrayList<>();
    private int status = 502;
    private String contentType;
    private boolean copyComplete = true;
    private boolean clientAborted;
    private String failure;
    private boolean finished;
    private boolean dropUsageChunk;

    /** @param pathModel the model named in the request path (Gemini, Vertex AI, Bedrock, an Azure deployment), else null */
    Exchange(
            String traceId,
            RecordedRoute route,
            String pathModel,
            CaptureConfig.Upstream upstream,
            Buffer requestBody,
            Attribution who,
            String traceparent,
            String tracestate,
            Policy redaction,
            long copyLimit) {
        this.traceparent = traceparent;
        this.tracestate = tracestate;
        this.redaction = redaction;
        this.traceId = traceId;
        this.route = route;
        this.pathModel = pathModel;
        this.upstream = upstream;
        this.requestBody = requestBody;
        this.who = who;
        this.copyLimit = copyLimit;
    }

    /** Capture asked the provider for stream usage the client did not ask for; see {@link StreamUsage}. */
    void dropUsageChunk() {
        dropUsageChunk = true;
    }

    boolean dropsUsageChunk() {
        return dropUsageChunk;
    }

    void responseStarted(int status, String contentType) {
        this.status = status;
        this.contentType = contentType;
    }

    /**
     * The next chunk of a request body forwarded as it arrives, kept up to {@code limit} bytes (the size a body read
     * whole may have); beyond it the kept request is cut and the trace's request reads as unreadable.
     */
    void requestChunk(Buffer chunk, long limit) {
        if (requestBody.length() + chunk.length() <= limit) {
            requestBody.appendBuffer(chunk);
        }
    }

    void chunk(Buffer chunk) {
        Instant now = Instant.now();
        if (firstByteAt == null) {
            firstByteAt = now;
        }
        if (copy.length() + chunk.length() <= copyLimit) {
            copy.appendBuffer(chunk);
            chunkTimes.add(now);
            chunkEnds.add(copy.length());
        } else {
            copyComplete = false;
        }
    }

    /** The captured bodies this exchange holds until its trace is built. */
    long bytes() {
        return (long) requestBody.length() + copy.length();
    }

    /** True the first time only: a call is published once, whichever way it ended. */
    boolean finish() {
        boolean first = !finished;
        finished = true;
        return first;
    }

    void clientAborted() {
        clientAborted = true;
    }

    void upstreamFailed(String reason) {
        if (!finished) {
            failure = reason;
        }
    }

    /** Builds the trace: parsed, secrets redacted, long texts cut (after redaction, so no cut leaves part of a secret), priced. */
    TraceEvent toTrace(ObjectMapper mapper, String instance, TextCut textCut, PriceTable prices) {
        Instant completedAt = Instant.now();
        JsonNode request = readRequest(mapper);
        ProviderParser parser = Parsers.forRoute(route, upstream.provider(), pathModel, mapper);
        boolean complete = copyComplete && !clientAborted && failure == null;
        ProviderCall call = parser.parse(request, new ResponseCopy(status, contentType, copy.getBytes(), complete));
        if (clientAborted) {
            call = call.aborted();
        } else if (failure != null) {
            call = call.failed(failure);
        }
        Instant firstTokenAt = firstTokenAt(call.firstTokenOffset());
        TraceEvent assembled = TraceAssembler.assemble(
                traceId, who, call, status, new Timings(startedAt, firstTokenAt, completedAt), instance);
        TraceContext context = TraceContext.fromHeaders(traceparent, tracestate);
        if (context != null) {
            assembled = assembled.with().traceContext(context).build();
        }
        TraceEvent trace = textCut.apply(TraceRedaction.apply(redaction, assembled));
        return prices.cost(trace.model(), trace.responseModel(), trace.usage(), startedAt)
                .map(cost -> trace.withCost(cost.usd(), cost.version()))
                .orElse(trace);
    }

    /** When the chunk holding the first visible token arrived; the first byte for a plain answer. */
    private Instant firstTokenAt(Integer offset) {
        if (offset == null) {
            return firstByteAt;
        }
        for (int i = 0; i < chunkEnds.size(); i++) {
            if (chunkEnds.get(i) >= offset) {
                return chunkTimes.get(i);
            }
        }
        return firstByteAt;
    }

    private JsonNode readRequest(ObjectMapper mapper) {
        try {
            JsonNode node = mapper.readTree(requestBody.getBytes());
            return node != null && node.isObject() ? node : JsonNodeFactory.instance.objectNode();
        } catch (java.io.IOException e) {
            return JsonNodeFactory.instance.objectNode();
        }
    }
}
