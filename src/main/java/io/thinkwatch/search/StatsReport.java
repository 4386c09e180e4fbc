package io.thinkwatch.search;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The answer of {@code GET /api/v1/stats}: the metrics of the whole window, a time series of them, and
 * the top groups (empty without {@code groupBy}), each with its own series.
 */
public record StatsReport(
        Instant from,
        Instant to,
        String interval,
        String groupBy,
        @JsonUnwrapped Metrics total,
        List<Point> series,
        List<Group> groups) {

    /**
     * What is counted for a window, a bucket or a group. Rates are shares of {@code count} (null when there
     * are no traces); percentiles are null when no trace reported reasoning tokens.
     */
    public record Metrics(
            long count,
            ReasoningTokens reasoningTokens,
            double costUsd,
            Double truncationRate,
            Double emptyAnswerRate,
            Transparency transparency) {}

    /**
     * How much of the reasoning a team paid for it could read. Counts only calls stored since the indexer records
     * the length of each trace's visible reasoning (as reasoningChars).
     *
     * @param reasoningCalls calls that reasoned: billed reasoning tokens or showed reasoning text
     * @param visibleCalls of those, the calls that showed any reasoning text
     * @param visibleRate visibleCalls / reasoningCalls, null without reasoning calls
     * @param visibleChars characters of reasoning shown by the calls that billed reasoning tokens
     * @param billedReasoningTokens reasoning tokens billed by those calls
     * @param charsPerToken visibleChars / billedReasoningTokens, null when no reasoning token was billed
     */
    public record Transparency(
            long reasoningCalls,
            long visibleCalls,
            Double visibleRate,
            long visibleChars,
            long billedReasoningTokens,
            Double charsPerToken) {

        public static final Transparency NONE = new Transparency(0, 0, null, 0, 0, null);
    }

    /** Reasoning tokens: their sum, and the median and 95th percentile per call. */
    public record ReasoningTokens(long sum, Double p50, Double p95) {}

    /** One bucket of a series; {@code at} is where the bucket starts. */
    public record Point(Instant at, @JsonUnwrapped Metrics metrics) {}

    /** One group of the breakdown, such as one model; {@code provider} only for models (their most frequent). */
    public record Group(
            String key,
            @JsonUnwrapped Metrics metrics,
            List<Point> series,
            @JsonInclude(JsonInclude.Include.NON_NULL) String provider) {

        public Group(String key, Metrics metrics, List<Point> series) {
            this(key, metrics, series, null);
        }
    }
}
