package io.thinkwatch.console.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;
import io.thinkwatch.model.Unit;

/** How numbers and times read on the console's pages ({@code fmt:} in templates). A missing value reads "—". */
@TemplateExtension(namespace = "fmt")
public final class Fmt {

    static final String NONE = "—";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Fmt() {}

    /** A whole count with thousands separators: {@code 12,345}. */
    public static String count(Number value) {
        return value == null ? NONE : String.format(Locale.ROOT, "%,d", value.longValue());
    }

    /** Dollars, with more digits for amounts below a cent: {@code $12.34}, {@code $0.0042}. */
    public static String usd(Number value) {
        return value == null ? NONE : Unit.USD.format(value.doubleValue());
    }

    /** A finding's measured value or limit, as {@link Unit#measured(Unit, double)} writes it. */
    public static String measured(Double value, Unit unit) {
        return value == null ? NONE : Unit.measured(unit, value);
    }

    /** A share as a percentage with one decimal: {@code 12.5%}. */
    public static String percent(Number share) {
        return share == null ? NONE : Unit.SHARE.format(share.doubleValue());
    }

    public static String millis(Number value) {
        return value == null ? NONE : Unit.MS.format(value.doubleValue());
    }

    public static String time(Instant value) {
        return value == null ? NONE : TIME.format(value);
    }

    /** A value placed in a URL path segment, percent-encoded: {@code /traces/{fmt:segment(id)}}. */
    public static String segment(String value) {
        return value == null
                ? ""
                : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String text(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }
}
