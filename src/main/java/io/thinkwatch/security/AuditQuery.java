package io.thinkwatch.security;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.thinkwatch.errors.Invalid;

/**
 * A filter over the audit log: exact {@code actor}, {@code action} (or a prefix ending in a dot, {@code rule.}),
 * {@code targetType}, {@code targetId}, {@code from} (inclusive) and {@code to} (exclusive), and the page:
 * {@code size} entries older than {@code before} (the previous page's {@code next}).
 */
public record AuditQuery(
        String actor,
        String action,
        String targetType,
        String targetId,
        Instant from,
        Instant to,
        Long before,
        int size) {

    static final Set<String> KNOWN =
            Set.of("actor", "action", "targetType", "targetId", "from", "to", "before", "size");

    /** Reads query parameters; every bad one is named in one 400. */
    public static AuditQuery of(Map<String, List<String>> params) {
        List<String> errors = new ArrayList<>();
        for (String name : new TreeSet<>(params.keySet())) {
            if (!KNOWN.contains(name)) {
                errors.add(name + ": unknown parameter; known are " + String.join(", ", new TreeSet<>(KNOWN)));
            }
        }
        Instant from = instant(params, "from", errors);
        Instant to = instant(params, "to", errors);
        Long before = number(params, "before", errors);
        Long size = number(params, "size", errors);
        if (size != null && (size < 1 || size > 500)) {
            errors.add("size: must be between 1 and 500, was " + size);
        }
        if (before != null && before < 1) {
            errors.add("before: must be a positive entry number, was " + before);
        }
        if (!errors.isEmpty()) {
            throw new Invalid("invalid audit query", errors);
        }
        return new AuditQuery(
                single(params, "actor"),
                single(params, "action"),
                single(params, "targetType"),
                single(params, "targetId"),
                from,
                to,
                before,
                size == null ? 50 : size.intValue());
    }

    /** The same query for the page after one that ended with entry {@code seq}. */
    public AuditQuery after(long seq) {
        return new AuditQuery(actor, action, targetType, targetId, from, to, seq, size);
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

    private static Long number(Map<String, List<String>> params, String name, List<String> errors) {
        String value = single(params, name);
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value);
        } catch (NumberFormatException e) {
            errors.add(name + ": must be a whole number, was '" + value + "'");
            return null;
        }
    }
}
