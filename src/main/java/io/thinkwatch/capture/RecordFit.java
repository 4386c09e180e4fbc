package io.thinkwatch.capture;

import java.io.IOException;

import org.jboss.logging.Logger;

import io.thinkwatch.model.TraceEvent;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Serializes a trace so that it fits into one Kafka record. A trace over the limit (a long conversation
 * recorded in full, a large ingested trace) would be refused by Kafka for good, so its texts are cut shorter,
 * halving the characters kept per text until it fits; each cut text says so with {@link TextCut#marker}. The
 * numbers, ids and timings are never cut, so the trace still counts everywhere.
 */
final class RecordFit {

    private static final Logger LOG = Logger.getLogger(RecordFit.class);
    /** Below this many characters per text, cutting further is not worth it: the trace is over the limit. */
    private static final int SHORTEST = 256;

    private final ObjectMapper mapper;
    private final int maxBytes;
    private final int firstLimit;

    /**
     * @param maxBytes     largest serialized trace (the producer's {@code max.request.size}, less headroom)
     * @param textLimit    characters already kept per text (0: all), the first cut halves it
     */
    RecordFit(ObjectMapper mapper, int maxBytes, int textLimit) {
        this.mapper = mapper;
        this.maxBytes = maxBytes;
        this.firstLimit = textLimit > 0 ? textLimit / 2 : maxBytes / 2;
    }

    /** The trace's bytes, within the limit if cutting its texts can make it so; else the shortest try. */
    byte[] serialize(TraceEvent trace) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(trace);
        if (bytes.length <= maxBytes) {
            return bytes;
        }
        int original = bytes.length;
        int kept = 0;
        for (int limit = firstLimit; bytes.length > maxBytes && limit >= SHORTEST; limit /= 2) {
            bytes = mapper.writeValueAsBytes(new TextCut(limit).apply(trace));
            kept = limit;
        }
        if (bytes.length > maxBytes) {
            LOG.warnf(
                    "Trace %s is %d bytes, over the record limit of %d even with its texts cut; Kafka will refuse it",
                    trace.traceId(), bytes.length, maxBytes);
        } else {
            LOG.infof(
                    "Trace %s was %d bytes, over the record limit of %d: texts cut to %d characters each (%d bytes)",
                    trace.traceId(), original, maxBytes, kept, bytes.length);
        }
        return bytes;
    }
}
