package io.thinkwatch.console.ui;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import io.thinkwatch.search.StatsReport;

/**
 * One model on the overview's transparency tile: how many of its calls reasoned, the share that showed any
 * reasoning, the reasoning characters shown per reasoning token billed, and the daily share as a small line.
 *
 * @param days the share shown per day, oldest first ({@code —} for a day without reasoning calls)
 * @param bars a bar per day with reasoning calls, in an SVG 100 wide and 20 high: its height is the day's share
 */
public record TransparencyRow(
        String model,
        String provider,
        long reasoningCalls,
        String visible,
        String charsPerToken,
        List<String> days,
        List<Bar> bars) {

    /** One day's bar: where it stands and how high the day's share makes it. */
    public record Bar(String x, String width, String y, String height, String label) {}

    static TransparencyRow of(StatsReport.Group group) {
        StatsReport.Transparency t = group.metrics().transparency();
        List<StatsReport.Point> series = group.series();
        List<String> days = series.stream()
                .map(p -> Fmt.percent(p.metrics().transparency().visibleRate()))
                .toList();
        int n = Math.max(1, series.size());
        double slot = 100.0 / n;
        List<Bar> bars = IntStream.range(0, series.size())
                .filter(i -> series.get(i).metrics().transparency().visibleRate() != null)
                .mapToObj(i -> {
                    double share = series.get(i).metrics().transparency().visibleRate();
                    double height = Math.max(1, 20 * share);
                    return new Bar(
                            decimal(slot * i + slot * 0.15),
                            decimal(slot * 0.7),
                            decimal(20 - height),
                            decimal(height),
                            Fmt.time(series.get(i).at()).substring(0, 10) + ": " + Fmt.percent(share));
                })
                .toList();
        return new TransparencyRow(
                group.key(),
                group.provider() == null ? Fmt.NONE : group.provider(),
                t.reasoningCalls(),
                Fmt.percent(t.visibleRate()),
                t.charsPerToken() == null ? Fmt.NONE : String.format(Locale.ROOT, "%.2f", t.charsPerToken()),
                days,
                bars);
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
