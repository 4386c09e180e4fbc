package io.thinkwatch.model;

import java.util.Locale;

/** What a finding's {@code observedValue} and {@code threshold} count, and how such a value is written for people. */
public enum Unit implements WireName {
    TOKENS,
    USD,
    SHARE,
    MS,
    /** A monitor's score from 0 to 1. */
    SCORE;

    @Override
    public String wire() {
        return WireName.super.wire();
    }

    /** {@code 12,345}, {@code $12.34} (four decimals below a cent: {@code $0.0042}), {@code 12.5%}, {@code 950 ms}, {@code 0.78}. */
    public String format(double value) {
        return switch (this) {
            case TOKENS -> String.format(Locale.ROOT, "%,d", Math.round(value));
            case USD -> String.format(Locale.ROOT, value != 0 && Math.abs(value) < 0.01 ? "$%,.4f" : "$%,.2f", value);
            case SHARE -> String.format(Locale.ROOT, "%.1f%%", value * 100);
            case MS -> String.format(Locale.ROOT, "%,d ms", Math.round(value));
            case SCORE -> String.format(Locale.ROOT, "%.2f", value);
        };
    }

    /**
     * A finding's measured value or limit in its unit ({@code $192.40}, {@code 31,000}, {@code 12.5%}); a finding
     * filed before findings carried a unit ({@code unit} null) reads as a number with at most two decimals.
     */
    public static String measured(Unit unit, double value) {
        if (unit != null) {
            return unit.format(value);
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.format(Locale.ROOT, "%,d", (long) value)
                : String.format(Locale.ROOT, "%,.2f", value);
    }
}
