package io.thinkwatch.capture;

import java.time.Instant;

import io.thinkwatch.model.Attribution;
import io.thinkwatch.model.ProviderCall;
import io.thinkwatch.model.ProviderParser;
import io.thinkwatch.model.ResponseCopy;
import io.thinkwatch.model.Timings;
import io.thinkwatch.model.TraceAssembler;
import io.thinkwatch.model.TraceEvent;
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
    private final CaptureConfig.Upstream upstream;
    private final Buffer requestBody;
    private final Attribution who;
    private final Instant startedAt = Instant.now();
    private final long copyLimit;
    private final Buffer copy = Buffer.buffer();
    private Instant firstByteAt;
    private int status = 502;
    private String contentType;
    private boolean copyComplete = true;
    private boolean clientAborted;
    private String failure;
    private boolean finished;

    Exchange(String traceId, RecordedRoute route, CaptureConfig.Upstream upstream, Buffer requestBody,
            Attribution who, long copyLimit) {
        this.traceId = traceId;
        this.route = route;
        this.upstream = upstream;
        this.requestBody = requestBody;
        this.who = who;
        this.copyLimit = copyLimit;
    }

    void responseStarted(int status, String contentType) {
        this.status = status;
        this.contentType = contentType;
    }

    void chunk(Buffer chunk) {
        if (firstByteAt == null) {
            firstByteAt = Instant.now();
        }
        if (copy.length() + chunk.length() <= copyLimit) {
            copy.appendBuffer(chunk);
        } else {
            copyComplete = false;
        }
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

    TraceEvent toTrace(ObjectMapper mapper, String instance) {
        Instant completedAt = Instant.now();
        JsonNode request = readRequest(mapper);
        ProviderParser parser = Parsers.forRoute(route, upstream.provider(), mapper);
        boolean complete = copyComplete && !clientAborted && failure == null;
        ProviderCall call = parser.parse(request, new ResponseCopy(status, contentType, copy.getBytes(), complete));
        if (clientAborted) {
            call = call.aborted();
        } else if (failure != null) {
            call = call.failed(failure);
        }
        return TraceAssembler.assemble(traceId, who, call, status,
                new Timings(startedAt, firstByteAt, completedAt), instance);
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
