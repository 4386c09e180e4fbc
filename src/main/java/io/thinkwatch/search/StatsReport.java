package io.thinkwatch.search;

import java.time.Instant;
import java.util.List;

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
            Double emptyAnswerRate) {}

    /** Reasoning tokens: their sum, and the median and 95th percentile per call. */
    public record ReasoningTokens(long sum, Double p50, Double p95) {}

    /** One bucket of a series; {@code at} is where the bucket starts. */
    public record Point(Instant at, @JsonUnwrapped Metrics metrics) {}

    /** One group of the breakdown, such as one model. */
    public record Group(String key, @JsonUnwrapped Metrics metrics, List<Point> series) {}
}
