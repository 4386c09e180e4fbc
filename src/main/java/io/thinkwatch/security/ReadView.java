package io.thinkwatch.security;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One read of one trace's captured text, as {@code GET /api/v1/audit/reads} shows it: the audit entry ({@code seq},
 * {@code action}) it belongs to, who, when, which trace and which of its text fields.
 */
public record ReadView(long seq, Instant at, String actor, String action, String traceId, List<String> fields) {

    /** One page, newest first; {@code next} is the {@code before} of the following page, null on the last. */
    public record Page(List<ReadView> items, String next) {}

    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {};

    public static ReadView of(TraceRead r, ObjectMapper mapper) {
        List<String> fields;
        try {
            fields = mapper.readValue(r.fields, NAMES);
        } catch (IOException e) {
            fields = List.of(r.fields);
        }
        return new ReadView(r.seq, r.at, r.actor, r.action, r.traceId, fields);
    }

    /** A page of reads fetched with the query's size. */
    public static Page page(List<TraceRead> reads, ReadsQuery query, ObjectMapper mapper) {
        List<ReadView> items = reads.stream().map(r -> of(r, mapper)).toList();
        String next = null;
        if (reads.size() == query.size()) {
            TraceRead last = reads.get(reads.size() - 1);
            next = new ReadsQuery.Position(last.at, last.id).token();
        }
        return new Page(items, next);
    }
}
