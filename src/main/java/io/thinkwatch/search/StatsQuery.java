package io.thinkwatch.search;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A validated statistics request ({@code GET /api/v1/stats}): a time window cut into buckets of
 * {@code interval}, optionally broken down by {@code groupBy} into the {@code top} groups.
 *
 * @param interval bucket width, as given (such as {@code 5m}) and as a duration
 */
public record StatsQuery(TraceFilter filter, String interval, Duration intervalDuration, GroupBy groupBy, int top) {

    public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    public static final String DEFAULT_INTERVAL = "1h";
    public static final int DEFAULT_TOP = 10;
    public static final int MAX_TOP = 50;
    /** Most buckets one answer may hold, counting the series of every group. */
    public static final int MAX_BUCKETS = 10_000;

    static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
    static final Duration MAX_INTERVAL = Duration.ofDays(1);
    private static final Pattern INTERVAL = Pattern.compile("(\\d{1,4})([mhd])");

    static final Set<String> PARAMETERS = parameters();

    private static Set<String> parameters() {
        Set<String> names = new HashSet<>(TraceFilter.PARAMETERS);
        names.addAll(List.of("interval", "groupBy", "top"));
        return Set.copyOf(names);
    }

    /**
     * Validates the parameters; {@code now} closes a window without {@code to}, and a window without
     * {@code from} is the {@link #DEFAULT_WINDOW} before its end.
     */
    public static StatsQuery parse(Map<String, List<String>> parameters, Instant now) {
        QueryParameters p = new QueryParameters(parameters, PARAMETERS);
        TraceFilter filter = TraceFilter.parse(p);
        Instant to = filter.to() != null ? filter.to() : now.truncatedTo(ChronoUnit.MILLIS);
        Instant from = filter.from() != null ? filter.from() : to.minus(DEFAULT_WINDOW);
        if (!from.isBefore(to)) {
            p.error("from", "must be before to (" + to + "), was " + from);
        }
        String interval = p.single("interval");
        interval = interval == null ? DEFAULT_INTERVAL : interval;
        Duration duration = interval(interval);
        if (duration == null) {
            p.error(
                    "interval",
                    "must be a number and a unit m, h or d between 1m and 1d, such as 5m, was '" + interval + "'");
        }
        GroupBy groupBy = null;
        String group = p.single("groupBy");
        if (group != null) {
            groupBy = GroupBy.BY_NAME.get(group);
            if (groupBy == null) {
                p.error(
                        "groupBy",
                        "unknown field '" + group + "'; one of "
                                + String.join(", ", new TreeSet<>(GroupBy.BY_NAME.keySet())));
            }
        }
        int top = p.integer("top", 1, MAX_TOP, (long) DEFAULT_TOP).intValue();
        if (duration != null && from.isBefore(to)) {
            long buckets = Duration.between(from, to).dividedBy(duration) + 1;
            long all = buckets * (groupBy == null ? 1 : 1 + top);
            if (all > MAX_BUCKETS) {
                p.error(
                        "interval",
                        interval + " over " + Duration.between(from, to) + " makes " + all
                                + " buckets (with the groups' series); at most " + MAX_BUCKETS
                                + ": widen it or shorten the window");
            }
        }
        p.throwIfInvalid("stats");
        return new StatsQuery(filter.during(from, to), interval, duration, groupBy, top);
    }

    /** {@code 5m}, {@code 1h}, {@code 1d} as a duration within [1m, 1d], else null. */
    static Duration interval(String text) {
        Matcher m = INTERVAL.matcher(text);
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        return d.compareTo(MIN_INTERVAL) < 0 || d.compareTo(MAX_INTERVAL) > 0 ? null : d;
    }
}
