package io.thinkwatch.security;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.thinkwatch.errors.Invalid;

/**
 * A question about reads of captured text: who read {@code traceId}, or what {@code actor} read from {@code from}
 * (inclusive) to {@code to} (exclusive); at least one of the two names. A page is {@code size} reads, newest first,
 * older than {@code before} (the previous page's {@code next}).
 */
public record ReadsQuery(String traceId, String actor, Instant from, Instant to, Position before, int size) {

    static final Set<String> KNOWN = Set.of("traceId", "actor", "from", "to", "before", "size");

    /** Where a page ended: the time and id of its last read. Written {@code <epoch microseconds>.<id>}. */
    public record Position(Instant at, long id) {

        public String token() {
            return ChronoUnit.MICROS.between(Instant.EPOCH, at) + "." + id;
        }

        static Position parse(String token) {
            int dot = token.indexOf('.');
            if (dot < 1) {
                throw new NumberFormatException(token);
            }
            long micros = Long.parseLong(token.substring(0, dot));
            return new Position(
                    Instant.EPOCH.plus(micros, ChronoUnit.MICROS), Long.parseLong(token.substring(dot + 1)));
        }
    }

    /** Reads query parameters; every bad one is named in one 400. */
    public static ReadsQuery of(Map<String, List<String>> params) {
        List<String> errors = new ArrayList<>();
        for (String name : new TreeSet<>(params.keySet())) {
            if (!KNOWN.contains(name)) {
                errors.add(name + ": unknown parameter; known are " + String.join(", ", new TreeSet<>(KNOWN)));
            }
        }
        String traceId = single(params, "traceId");
        String actor = single(params, "actor");
        if (traceId == null && actor == null) {
            errors.add("traceId: give traceId (who read this trace) or actor (what they read), or both");
        }
        Instant from = instant(params, "from", errors);
        Instant to = instant(params, "to", errors);
        Position before = null;
        String beforeText = single(params, "before");
        if (beforeText != null) {
            try {
                before = Position.parse(beforeText);
            } catch (NumberFormatException e) {
                errors.add("before: not a 'next' returned by this API: '" + beforeText + "'");
            }
        }
        int size = 50;
        String sizeText = single(params, "size");
        if (sizeText != null) {
            try {
                size = Integer.parseInt(sizeText);
                if (size < 1 || size > 500) {
                    errors.add("size: must be between 1 and 500, was " + size);
                }
            } catch (NumberFormatException e) {
                errors.add("size: must be a whole number, was '" + sizeText + "'");
            }
        }
        if (!errors.isEmpty()) {
            throw new Invalid("invalid reads query", errors);
        }
        return new ReadsQuery(traceId, actor, from, to, before, size);
    }

    /** The same question for the page after the one that ended at {@code last}. */
    public ReadsQuery after(Position last) {
        return new ReadsQuery(traceId, actor, from, to, last, size);
    }

    private static String single(Map<String, List<String>> params, String name) {
        List<String> values = params.getOrDefault(name, List.of());
        return values.isEmpty() || values.get(0).isBlank()
                ? null
                : values.get(0).strip();
    }

    private static Instant instant(Map<String, List<String>> params, String name, List<String> errors) {
        String value = single(params, name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(name + ": not an ISO-8601 instant such as 2026-03-01T12:00:00Z: '" + value + "'");
            return null;
        }
    }
}
