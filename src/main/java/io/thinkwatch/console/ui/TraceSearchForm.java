package io.thinkwatch.console.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.commons.lang3.StringUtils;

import io.thinkwatch.model.FinishReason;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.TraceStatus;

/**
 * The search of the traces page as its URL holds it, so a link reproduces the search. It speaks the page's
 * language (a time range such as {@code 24h}, {@code datetime-local} times in UTC, blank fields meaning "any")
 * and turns it into the parameters of the trace search API, which does the validation.
 */
public record TraceSearchForm(
        String q,
        String app,
        String model,
        String provider,
        String finishReason,
        String status,
        String truncated,
        String emptyAnswer,
        String range,
        String from,
        String to,
        String sort,
        String after) {

    /** The time ranges offered, newest window first; "all" sets no bound. */
    static final Map<String, Duration> RANGES = ranges();

    static final String DEFAULT_RANGE = "24h";
    static final String DEFAULT_SORT = "-startedAt";
    /** The columns that sort, by the API's sort field. */
    static final List<String> SORTABLE = List.of("startedAt", "usage.reasoningTokens", "costUsd", "latencyMs");

    private static Map<String, Duration> ranges() {
        Map<String, Duration> ranges = new LinkedHashMap<>();
        ranges.put("1h", Duration.ofHours(1));
        ranges.put("24h", Duration.ofHours(24));
        ranges.put("7d", Duration.ofDays(7));
        ranges.put("30d", Duration.ofDays(30));
        ranges.put("all", null);
        return ranges;
    }

    /** Reads the page's query parameters; a blank field is absent. */
    public static TraceSearchForm of(Function<String, String> param) {
        Function<String, String> p = name -> StringUtils.stripToNull(param.apply(name));
        return new TraceSearchForm(
                p.apply("q"),
                p.apply("app"),
                p.apply("model"),
                p.apply("provider"),
                p.apply("finishReason"),
                p.apply("status"),
                p.apply("truncated"),
                p.apply("emptyAnswer"),
                p.apply("range"),
                p.apply("from"),
                p.apply("to"),
                p.apply("sort"),
                p.apply("after"));
    }

    /** This search without its text, for a role that may not search captured text. */
    public TraceSearchForm withoutText() {
        return new TraceSearchForm(
                null, app, model, provider, finishReason, status, truncated, emptyAnswer, range, from, to, sort, after);
    }

    /** The parameters of {@code GET /api/v1/traces} for this search, as of {@code now}. */
    public Map<String, List<String>> apiParameters(Instant now, int size) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        put(out, "q", q);
        put(out, "app", app);
        put(out, "model", model);
        put(out, "provider", provider);
        put(out, "finishReason", finishReason);
        put(out, "status", status);
        put(out, "truncated", truncated);
        put(out, "emptyAnswer", emptyAnswer);
        if (from != null || to != null) {
            put(out, "from", utc(from));
            put(out, "to", utc(to));
        } else {
            Duration window = RANGES.getOrDefault(chosenRange(), RANGES.get(DEFAULT_RANGE));
            if (window != null) {
                put(out, "from", now.minus(window).toString());
            }
        }
        put(out, "sort", chosenSort());
        put(out, "after", after);
        out.put("size", List.of(Integer.toString(size)));
        return out;
    }

    /** The range the page shows as chosen: the given one when known, else the default; "custom" with times. */
    public String chosenRange() {
        if (from != null || to != null) {
            return "custom";
        }
        return range != null && RANGES.containsKey(range) ? range : DEFAULT_RANGE;
    }

    public String chosenSort() {
        return sort == null ? DEFAULT_SORT : sort;
    }

    /** Whether text, a filter or custom times narrow the search (the time range aside). */
    public boolean isNarrowed() {
        return Arrays.asList(q, app, model, provider, finishReason, status, truncated, emptyAnswer, from, to).stream()
                .anyMatch(v -> v != null);
    }

    /** The query string of this search (first page), with a leading {@code ?} when not empty. */
    public String query() {
        return link(chosenSort(), null);
    }

    /** The link of the page after this one. */
    public String nextLink(String next) {
        return "/traces" + link(chosenSort(), next);
    }

    /** The link that sorts by {@code field}: descending first, ascending when it already sorts descending. */
    public String sortLink(String field) {
        String sortBy = ("-" + field).equals(chosenSort()) ? field : "-" + field;
        return "/traces" + link(sortBy, null);
    }

    /** {@code descending}, {@code ascending} or {@code none}, for {@code aria-sort}. */
    public String sortState(String field) {
        if (chosenSort().equals("-" + field)) {
            return "descending";
        }
        return chosenSort().equals(field) ? "ascending" : "none";
    }

    /** The arrow beside a sorted column's name. */
    public String sortMark(String field) {
        return switch (sortState(field)) {
            case "descending" -> " ▼";
            case "ascending" -> " ▲";
            default -> "";
        };
    }

    public List<String> rangeChoices() {
        return List.copyOf(RANGES.keySet());
    }

    public String rangeLabel(String key) {
        return switch (key) {
            case "1h" -> "Last hour";
            case "24h" -> "Last 24 hours";
            case "7d" -> "Last 7 days";
            case "30d" -> "Last 30 days";
            default -> "All time";
        };
    }

    public List<String> providers() {
        return Arrays.stream(Provider.values()).map(Provider::wire).sorted().toList();
    }

    public List<String> finishReasons() {
        return Arrays.stream(FinishReason.values()).map(FinishReason::wire).toList();
    }

    public List<String> statuses() {
        return Arrays.stream(TraceStatus.values()).map(TraceStatus::wire).toList();
    }

    private String link(String sortBy, String afterToken) {
        List<String> pairs = new ArrayList<>();
        pair(pairs, "q", q);
        pair(pairs, "app", app);
        pair(pairs, "model", model);
        pair(pairs, "provider", provider);
        pair(pairs, "finishReason", finishReason);
        pair(pairs, "status", status);
        pair(pairs, "truncated", truncated);
        pair(pairs, "emptyAnswer", emptyAnswer);
        pair(pairs, "range", from == null && to == null ? range : null);
        pair(pairs, "from", from);
        pair(pairs, "to", to);
        pair(pairs, "sort", DEFAULT_SORT.equals(sortBy) ? null : sortBy);
        pair(pairs, "after", afterToken);
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    private static void pair(List<String> pairs, String name, String value) {
        if (value != null) {
            pairs.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static void put(Map<String, List<String>> out, String name, String value) {
        if (value != null) {
            out.put(name, List.of(value));
        }
    }

    /** A {@code datetime-local} value (no zone) read as UTC; anything else is passed on for the API to judge. */
    static String utc(String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            return value;
        }
    }
}
