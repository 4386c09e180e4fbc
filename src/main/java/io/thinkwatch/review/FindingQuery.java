package io.thinkwatch.review;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.lang3.StringUtils;

import io.thinkwatch.errors.Invalid;
import io.thinkwatch.model.Severity;
import io.thinkwatch.model.WireName;

/**
 * The filters of {@code GET /api/v1/findings}, checked, as an HQL condition. Newest first by first match;
 * {@code after} is the opaque cursor of the previous page's {@code next}. {@code assignee} keeps the findings
 * assigned to that person, {@code unassigned} those assigned to nobody.
 */
public record FindingQuery(
        Set<FindingState> states,
        Set<Severity> severities,
        String rule,
        String app,
        Instant from,
        Instant to,
        int size,
        Cursor after,
        String assignee,
        boolean unassigned) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    /** Where the previous page ended. */
    public record Cursor(Instant firstSeenAt, String findingId) {

        public String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((firstSeenAt + "|" + findingId).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Parses raw query parameters; every bad one is named in the 400. */
    public static FindingQuery parse(
            String state,
            String severity,
            String rule,
            String app,
            String from,
            String to,
            Integer size,
            String after,
            String assignee,
            Boolean unassigned) {
        List<String> errors = new ArrayList<>();
        Set<FindingState> states = list(
                state,
                "state",
                FindingState::fromWire,
                errors,
                "open, acknowledged, confirmed, resolved, false_positive");
        Set<Severity> severities = list(
                severity, "severity", value -> WireName.find(Severity.class, value), errors, "info, warning, critical");
        Instant fromAt = instant(from, "from", errors);
        Instant toAt = instant(to, "to", errors);
        int pageSize = size == null ? DEFAULT_SIZE : size;
        if (pageSize < 1 || pageSize > MAX_SIZE) {
            errors.add("size: must be from 1 to " + MAX_SIZE);
        }
        Cursor cursor = cursor(after, errors);
        boolean nobody = Boolean.TRUE.equals(unassigned);
        if (nobody && assignee != null && !assignee.isBlank()) {
            errors.add("unassigned: cannot be combined with assignee");
        }
        if (!errors.isEmpty()) {
            throw new Invalid("bad query: " + String.join("; ", errors), errors);
        }
        return new FindingQuery(
                states,
                severities,
                StringUtils.stripToNull(rule),
                StringUtils.stripToNull(app),
                fromAt,
                toAt,
                pageSize,
                cursor,
                StringUtils.stripToNull(assignee),
                nobody);
    }

    /** The HQL condition (after {@code tenant = :tenant}) and its parameters. */
    String where(Map<String, Object> params, boolean withCursor) {
        StringBuilder where = new StringBuilder("tenant = :tenant");
        if (states != null) {
            where.append(" and state in :states");
            params.put("states", states);
        }
        if (severities != null) {
            where.append(" and severity in :severities");
            params.put("severities", severities);
        }
        condition(where, params, "ruleId = :rule", "rule", rule);
        condition(where, params, "app = :app", "app", app);
        condition(where, params, "lastSeenAt >= :from", "from", from);
        condition(where, params, "firstSeenAt < :to", "to", to);
        condition(where, params, "assignee = :assignee", "assignee", assignee);
        if (unassigned) {
            where.append(" and assignee is null");
        }
        if (withCursor && after != null) {
            where.append(" and (firstSeenAt < :afterAt or (firstSeenAt = :afterAt and findingId < :afterId))");
            params.put("afterAt", after.firstSeenAt());
            params.put("afterId", after.findingId());
        }
        return where.toString();
    }

    Map<String, Object> params(String tenant) {
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenant);
        return params;
    }

    private static void condition(
            StringBuilder where, Map<String, Object> params, String clause, String name, Object value) {
        if (value != null) {
            where.append(" and ").append(clause);
            params.put(name, value);
        }
    }

    private static <T> Set<T> list(
            String value,
            String name,
            java.util.function.Function<String, T> parse,
            List<String> errors,
            String allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Set<T> parsed = new java.util.LinkedHashSet<>();
        for (String part : value.split(",", -1)) {
            T one = parse.apply(part.trim());
            if (one == null) {
                errors.add(name + ": '" + part.trim() + "' is not one of " + allowed);
            } else {
                parsed.add(one);
            }
        }
        return parsed;
    }

    private static Instant instant(String value, String name, List<String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(name + ": must be an ISO-8601 instant such as 2025-03-04T10:00:00Z");
            return null;
        }
    }

    private static Cursor cursor(String value, List<String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int bar = decoded.indexOf('|');
            return new Cursor(Instant.parse(decoded.substring(0, bar)), decoded.substring(bar + 1));
        } catch (IllegalArgumentException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            errors.add("after: not a cursor returned as 'next' by this API");
            return null;
        }
    }
}
