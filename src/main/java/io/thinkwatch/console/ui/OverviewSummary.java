package io.thinkwatch.console.ui;

import java.util.List;

import io.thinkwatch.review.ReviewService.SeverityCount;
import io.thinkwatch.search.OverviewQueries.AppSpend;
import io.thinkwatch.search.OverviewQueries.Timeline;
import io.thinkwatch.search.OverviewQueries.Totals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the overview shows: headline numbers, the reasoning chart, top apps, findings in review by severity
 * and the latest traces.
 */
public record OverviewSummary(
        List<Kpi> kpis,
        Timeline timeline,
        String chartJson,
        List<AppSpend> apps,
        List<RecentTrace> recent,
        List<SeverityCount> findings,
        boolean empty) {

    public static OverviewSummary of(
            Totals now,
            Totals before,
            Timeline timeline,
            List<AppSpend> apps,
            List<RecentTrace> recent,
            List<SeverityCount> findings,
            ObjectMapper mapper) {
        List<Kpi> kpis = List.of(
                Kpi.amount("calls", "Calls", (double) now.calls(), (double) before.calls(), v -> Fmt.count(v)),
                Kpi.amount(
                        "reasoning",
                        "Reasoning tokens",
                        (double) now.reasoningTokens(),
                        (double) before.reasoningTokens(),
                        v -> Fmt.count(v)),
                now.costUsd() == null
                        ? new Kpi("cost", "Cost", Fmt.NONE, "no prices known for these calls", Kpi.Trend.FLAT)
                        : Kpi.amount("cost", "Cost", now.costUsd(), zeroIfNull(before.costUsd()), Fmt::usd),
                Kpi.rate("truncation", "Truncated by the budget", now.truncationRate(), before.truncationRate()),
                Kpi.rate("empty", "Empty answers", now.emptyAnswerRate(), before.emptyAnswerRate()));
        boolean empty = now.calls() == 0 && before.calls() == 0 && recent.isEmpty();
        return new OverviewSummary(kpis, timeline, chartJson(timeline, mapper), apps, recent, findings, empty);
    }

    /** Whether any finding waits for review. */
    public boolean isAnyFindingInReview() {
        return findings.stream().anyMatch(c -> c.open() + c.acknowledged() > 0);
    }

    private static double zeroIfNull(Double value) {
        return value == null ? 0 : value;
    }

    /** The chart's data for console.js: x as epoch seconds, one series per model. */
    static String chartJson(Timeline timeline, ObjectMapper mapper) {
        ObjectNode chart = mapper.createObjectNode();
        ArrayNode x = chart.putArray("x");
        timeline.buckets().forEach(t -> x.add(t.getEpochSecond()));
        ArrayNode series = chart.putArray("series");
        timeline.models().forEach(m -> {
            ObjectNode s = series.addObject().put("label", m.model());
            ArrayNode values = s.putArray("values");
            m.perBucket().forEach(values::add);
        });
        return chart.toString();
    }
}
