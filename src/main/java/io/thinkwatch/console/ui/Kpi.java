package io.thinkwatch.console.ui;

import java.util.Locale;
import java.util.function.Function;

/**
 * One headline number of the overview: its value over the last 24 hours and how it changed against the 24
 * hours before. Counts change in percent; rates change in percentage points.
 */
public record Kpi(String key, String label, String value, String change, Trend trend) {

    /** Which way a number moved; shown as an arrow and a class, never as good or bad. */
    public enum Trend {
        UP,
        DOWN,
        FLAT;

        public String css() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final String WINDOW = "the previous 24 h";

    public static Kpi amount(String key, String label, double now, double before, Function<Double, String> format) {
        String value = format.apply(now);
        if (before == 0) {
            return now == 0
                    ? new Kpi(key, label, value, "same as " + WINDOW, Trend.FLAT)
                    : new Kpi(key, label, value, "none in " + WINDOW, Trend.UP);
        }
        double percent = (now - before) / before * 100;
        Trend trend = trend(percent);
        return new Kpi(
                key,
                label,
                value,
                String.format(
                        Locale.ROOT,
                        "%s %.0f%% vs %s (%s)",
                        arrow(trend),
                        Math.abs(percent),
                        WINDOW,
                        format.apply(before)),
                trend);
    }

    public static Kpi rate(String key, String label, Double now, Double before) {
        String value = Fmt.percent(now);
        if (now == null || before == null) {
            return new Kpi(key, label, value, before == null ? "no calls in " + WINDOW : "no calls yet", Trend.FLAT);
        }
        double points = (now - before) * 100;
        Trend trend = trend(points);
        return new Kpi(
                key,
                label,
                value,
                String.format(
                        Locale.ROOT,
                        "%s %.1f pts vs %s (%s)",
                        arrow(trend),
                        Math.abs(points),
                        WINDOW,
                        Fmt.percent(before)),
                trend);
    }

    private static Trend trend(double change) {
        return Math.abs(change) < 0.05 ? Trend.FLAT : change > 0 ? Trend.UP : Trend.DOWN;
    }

    private static String arrow(Trend trend) {
        return switch (trend) {
            case UP -> "▲";
            case DOWN -> "▼";
            case FLAT -> "=";
        };
    }
}
