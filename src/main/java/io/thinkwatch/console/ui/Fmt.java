package io.thinkwatch.console.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/** How numbers and times read on the console's pages ({@code fmt:} in templates). A missing value reads "—". */
@TemplateExtension(namespace = "fmt")
public final class Fmt {

    static final String NONE = "—";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Fmt() {
    }

    /** A whole count with thousands separators: {@code 12,345}. */
    public static String count(Number value) {
        return value == null ? NONE : String.format(Locale.ROOT, "%,d", value.longValue());
    }

    /** Dollars, with more digits for amounts below a cent: {@code $12.34}, {@code $0.0042}. */
    public static String usd(Number value) {
        if (value == null) {
            return NONE;
        }
        double v = value.doubleValue();
        return String.format(Locale.ROOT, v != 0 && Math.abs(v) < 0.01 ? "$%,.4f" : "$%,.2f", v);
    }

    /** A share as a percentage with one decimal: {@code 12.5%}. */
    public static String percent(Number share) {
        return share == null ? NONE : String.format(Locale.ROOT, "%.1f%%", share.doubleValue() * 100);
    }

    public static String millis(Number value) {
        return value == null ? NONE : count(value) + " ms";
    }

    public static String time(Instant value) {
        return value == null ? NONE : TIME.format(value);
    }

    /** A value placed in a URL path segment, percent-encoded: {@code /traces/{fmt:segment(id)}}. */
    public static String segment(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String text(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }
}
