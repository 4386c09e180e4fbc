package io.thinkwatch.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Sorted latency samples in milliseconds and their percentiles (nearest rank), for the benchmarks. */
public record Latencies(List<Long> sorted) {

    public static Latencies of(Collection<Long> samples) {
        List<Long> copy = new ArrayList<>(samples);
        Collections.sort(copy);
        return new Latencies(List.copyOf(copy));
    }

    /** Nearest-rank percentile, {@code q} in (0, 1]. */
    public long percentile(double q) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(q * sorted.size()) - 1)));
    }

    public long max() {
        return sorted.get(sorted.size() - 1);
    }

    /** "n samples: p50 x ms, p95 y ms, p99 z ms, max m ms". */
    public String summary() {
        return String.format(
                Locale.ROOT,
                "%d samples: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms",
                sorted.size(),
                percentile(0.50),
                percentile(0.95),
                percentile(0.99),
                max());
    }

    /** Writes a benchmark's report to {@code target/<name>}, where docs/benchmarks.md takes its numbers from. */
    public static void write(String name, String text) {
        try {
            Files.writeString(Path.of("target", name), text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
