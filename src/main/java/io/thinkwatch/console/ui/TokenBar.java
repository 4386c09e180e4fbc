package io.thinkwatch.console.ui;

import java.util.Locale;

/**
 * Where a call's output budget went: visible answer tokens, reasoning tokens, and what was left unused. Counts
 * nobody reported stay null and are shown as unknown, never as 0. Widths are percentages of the budget (or of
 * the output, when there is no budget or the output exceeded it), for the bar on the trace page.
 */
public record TokenBar(Long visible, Long reasoning, Long unused, Long budget) {

    /**
     * A call's token bar.
     *
     * @param output    output tokens, reasoning included; null when not reported
     * @param reasoning reasoning tokens; null when not reported
     * @param visible   visible output tokens when reported, else derived from output minus reasoning
     * @param budget    the call's output budget; null when the call had none
     */
    public static TokenBar of(Long output, Long reasoning, Long visible, Long budget) {
        Long shown = visible != null
                ? visible
                : output != null && reasoning != null ? Math.max(0, output - reasoning) : null;
        Long spent = output != null ? output : shown != null && reasoning != null ? shown + reasoning : null;
        Long unused = budget != null && spent != null ? Math.max(0, budget - spent) : null;
        return new TokenBar(shown, reasoning, unused, budget);
    }

    /** Whether there is anything to draw: at least the visible or the reasoning count is known. */
    public boolean isKnown() {
        return visible != null || reasoning != null;
    }

    public String visibleWidth() {
        return width(visible);
    }

    public String reasoningWidth() {
        return width(reasoning);
    }

    public String reasoningStart() {
        return width(visible);
    }

    public String unusedWidth() {
        return width(unused);
    }

    public String unusedStart() {
        return width(zeroIfNull(visible) + zeroIfNull(reasoning));
    }

    private String width(Long tokens) {
        long whole = Math.max(zeroIfNull(budget), zeroIfNull(visible) + zeroIfNull(reasoning));
        double share = whole == 0 || tokens == null ? 0 : 100.0 * tokens / whole;
        return String.format(Locale.ROOT, "%.2f", share);
    }

    private static long zeroIfNull(Long value) {
        return value == null ? 0 : value;
    }
}
