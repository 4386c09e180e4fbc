package io.thinkwatch.search;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.thinkwatch.model.Api;
import io.thinkwatch.model.FinishReason;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.TraceStatus;

/**
 * Which traces a search or a statistic covers, besides the tenant: keyword filters, flags, a minimum of
 * reasoning tokens and a time window on {@code startedAt}.
 *
 * @param terms keyword field to accepted values (any of them matches); {@code tool} matches a trace with a tool call
 *        of that name
 * @param minToolCalls the least number of tool calls a trace made ({@code toolCallCount}), or null
 * @param from inclusive start of the window, or null
 * @param to exclusive end of the window, or null
 */
public record TraceFilter(
        Map<String, List<String>> terms,
        Boolean truncated,
        Boolean emptyAnswer,
        Long minReasoningTokens,
        Long minToolCalls,
        Instant from,
        Instant to) {

    /** Keyword filters whose values are free (any app or model name). */
    static final List<String> FREE_TERMS = List.of("app", "model", "env", "userId", "sessionId", "appTraceId", "tool");

    /** Parameters named otherwise than the field they filter; the others filter the field of their name. */
    private static final Map<String, String> FIELDS =
            Map.of("appTraceId", "traceContext.traceId", "tool", "toolCalls.name");

    /** Keyword filters whose values form a closed set. */
    static final Map<String, Set<String>> CLOSED_TERMS = Map.of(
            "provider", wires(Provider.values(), Provider::wire),
            "api", wires(Api.values(), Api::wire),
            "finishReason", wires(FinishReason.values(), FinishReason::wire),
            "status", wires(TraceStatus.values(), TraceStatus::wire));

    /** Every parameter {@link #parse} reads. */
    static final Set<String> PARAMETERS = parameters();

    private static <E> Set<String> wires(E[] values, Function<E, String> wire) {
        return Arrays.stream(values).map(wire).collect(Collectors.toUnmodifiableSet());
    }

    private static Set<String> parameters() {
        Set<String> names = new HashSet<>(FREE_TERMS);
        names.addAll(CLOSED_TERMS.keySet());
        names.addAll(List.of("truncated", "emptyAnswer", "minReasoningTokens", "minToolCalls", "from", "to"));
        return Set.copyOf(names);
    }

    /** The stored field a term parameter filters. */
    static String field(String parameter) {
        return FIELDS.getOrDefault(parameter, parameter);
    }

    /** Reads the filter parameters; problems are collected in {@code p}. */
    static TraceFilter parse(QueryParameters p) {
        Map<String, List<String>> terms = new LinkedHashMap<>();
        for (String name : FREE_TERMS) {
            List<String> values = p.list(name);
            if ("appTraceId".equals(name)) {
                // Ids are stored as lowercase hex; a pasted upper-case one still finds its traces.
                values = values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
            }
            if (!values.isEmpty()) {
                terms.put(name, values);
            }
        }
        for (String name : CLOSED_TERMS.keySet().stream().sorted().toList()) {
            List<String> values = p.oneOf(name, CLOSED_TERMS.get(name));
            if (!values.isEmpty()) {
                terms.put(name, values);
            }
        }
        Boolean truncated = p.bool("truncated");
        Boolean emptyAnswer = p.bool("emptyAnswer");
        Long minReasoningTokens = p.integer("minReasoningTokens", 0, Long.MAX_VALUE, null);
        Long minToolCalls = p.integer("minToolCalls", 0, Integer.MAX_VALUE, null);
        Instant from = p.instant("from");
        Instant to = p.instant("to");
        if (from != null && to != null && !from.isBefore(to)) {
            p.error("to", "must be after from (" + from + "), was " + to);
        }
        return new TraceFilter(Map.copyOf(terms), truncated, emptyAnswer, minReasoningTokens, minToolCalls, from, to);
    }

    /** The same filter over another time window. */
    TraceFilter during(Instant newFrom, Instant newTo) {
        return new TraceFilter(terms, truncated, emptyAnswer, minReasoningTokens, minToolCalls, newFrom, newTo);
    }
}
