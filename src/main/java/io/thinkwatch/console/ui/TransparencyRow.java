package io.thinkwatch.console.ui;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.thinkwatch.search.StatsReport;

/**
 * One model on the overview's transparency tile: how many of its calls reasoned, the share that showed any
 * reasoning, the reasoning characters shown per reasoning token billed, and the daily share as a small line.
 *
 * @param days the share shown per day, oldest first ({@code —} for a day without reasoning calls)
 * @param spark the points of an SVG polyline of the daily share (100 wide, 20 high), days without calls left out
 */
public record TransparencyRow(
        String model,
        String provider,
        long reasoningCalls,
        String visible,
        String charsPerToken,
        List<String> days,
        String spark) {

    static TransparencyRow of(StatsReport.Group group) {
        StatsReport.Transparency t = group.metrics().transparency();
        List<StatsReport.Point> series = group.series();
        List<String> days = series.stream()
                .map(p -> Fmt.percent(p.metrics().transparency().visibleRate()))
                .toList();
        int n = series.size();
        String spark = IntStream.range(0, n)
                .filter(i -> series.get(i).metrics().transparency().visibleRate() != null)
                .mapToObj(i -> String.format(
                        Locale.ROOT,
                        "%.1f,%.1f",
                        n == 1 ? 50.0 : 100.0 * i / (n - 1),
                        20 - 20 * series.get(i).metrics().transparency().visibleRate()))
                .collect(Collectors.joining(" "));
        return new TransparencyRow(
                group.key(),
                group.provider() == null ? Fmt.NONE : group.provider(),
                t.reasoningCalls(),
                Fmt.percent(t.visibleRate()),
                t.charsPerToken() == null ? Fmt.NONE : String.format(Locale.ROOT, "%.2f", t.charsPerToken()),
                days,
                spark);
    }
}
