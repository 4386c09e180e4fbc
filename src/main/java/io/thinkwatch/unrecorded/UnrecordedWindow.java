package io.thinkwatch.unrecorded;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The reports of every capture instance over the last {@link #span}, added up by kind: what the console shows. Reports
 * older than the span are let go as new ones arrive or as it is read. Thread-safe (one follower writes, requests read).
 */
final class UnrecordedWindow {

    /** A kind of unrecorded call and how many there were in the window. */
    record Total(String method, String shape, String upstream, long calls) {}

    /** Reports kept at most, the oldest let go first: 1,000 kinds reported every 30 s by 3 instances for an hour. */
    static final int MAX_REPORTS = 360_000;

    private final Duration span;
    private final Deque<UnrecordedCount> reports = new ArrayDeque<>();

    UnrecordedWindow(Duration span) {
        this.span = span;
    }

    synchronized void add(UnrecordedCount report) {
        reports.addLast(report);
        if (reports.size() > MAX_REPORTS) {
            reports.removeFirst();
        }
    }

    synchronized void clear() {
        reports.clear();
    }

    /** The tenant's kinds of unrecorded calls in the window ending {@code now}, most calls first. */
    List<Total> of(String tenant, Instant now) {
        return totals(now, report -> report.tenant().equals(tenant));
    }

    /** Every tenant's kinds of unrecorded calls in the window ending {@code now}, most calls first. */
    List<Total> all(Instant now) {
        return totals(now, report -> true);
    }

    private synchronized List<Total> totals(Instant now, Predicate<UnrecordedCount> which) {
        Instant from = now.minus(span);
        // reports arrive roughly in time order; one that is late by a report interval is let go a little late
        while (!reports.isEmpty() && reports.peekFirst().until().isBefore(from)) {
            reports.removeFirst();
        }
        Map<UnrecordedCount.Kind, Long> sums = new HashMap<>();
        for (UnrecordedCount report : reports) {
            if (which.test(report) && !report.until().isBefore(from)) {
                sums.merge(report.kind(), report.count(), Long::sum);
            }
        }
        List<Total> totals = new ArrayList<>();
        sums.forEach((kind, calls) -> totals.add(new Total(kind.method(), kind.shape(), kind.upstream(), calls)));
        totals.sort(Comparator.comparingLong(Total::calls).reversed().thenComparing(Total::shape));
        return totals;
    }
}
