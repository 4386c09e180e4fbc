package io.thinkwatch.search;

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
 * Reads query parameters and collects every problem, so one 400 names all bad parameters at once
 * ({@code "size: must be between 0 and 500, was 900"}).
 */
final class QueryParameters {

    private final Map<String, List<String>> values;
    private final List<String> errors = new ArrayList<>();

    QueryParameters(Map<String, List<String>> values, Set<String> known) {
        this.values = values;
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        for (String name : unknown) {
            errors.add(name + ": unknown parameter; known are " + String.join(", ", new TreeSet<>(known)));
        }
    }

    /** Adds a problem with parameter {@code name}. */
    void error(String name, String reason) {
        errors.add(name + ": " + reason);
    }

    /** All non-blank values of a parameter, comma-separated values split. */
    List<String> list(String name) {
        List<String> out = new ArrayList<>();
        for (String value : values.getOrDefault(name, List.of())) {
            for (String part : value.split(",", -1)) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    /** The one value of a parameter, or null when absent or blank; given twice is an error. */
    String single(String name) {
        List<String> given = values.getOrDefault(name, List.of()).stream()
                .filter(v -> !v.isBlank())
                .toList();
        if (given.size() > 1) {
            error(name, "given " + given.size() + " times, expected once");
        }
        return given.isEmpty() ? null : given.get(0).trim();
    }

    Instant instant(String name) {
        String value = single(name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            error(name, "not an ISO-8601 instant such as 2026-03-01T12:00:00Z: '" + value + "'");
            return null;
        }
    }

    Boolean bool(String name) {
        String value = single(name);
        if (value == null) {
            return null;
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.valueOf(value);
        }
        error(name, "must be true or false, was '" + value + "'");
        return null;
    }

    /** An integer in [min, max], or {@code absent} when not given. */
    Long integer(String name, long min, long max, Long absent) {
        String value = single(name);
        if (value == null) {
            return absent;
        }
        try {
            long n = Long.parseLong(value);
            if (n < min || n > max) {
                error(name, "must be between " + min + " and " + max + ", was " + n);
                return absent;
            }
            return n;
        } catch (NumberFormatException e) {
            error(name, "not an integer: '" + value + "'");
            return absent;
        }
    }

    /** Each value must be one of {@code allowed}; the valid ones are returned. */
    List<String> oneOf(String name, Set<String> allowed) {
        List<String> valid = new ArrayList<>();
        for (String value : list(name)) {
            if (allowed.contains(value)) {
                valid.add(value);
            } else {
                error(name, "unknown value '" + value + "'; one of " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return valid;
    }

    /** Throws a 400 naming every problem found so far. */
    void throwIfInvalid(String what) {
        if (!errors.isEmpty()) {
            throw new Invalid("invalid " + what + " parameters", errors);
        }
    }
}
