package io.thinkwatch.redaction;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** How many secrets of each type were replaced in the texts of one trace. Used by one thread. */
public final class Counts {

    private final Map<String, Integer> byType = new TreeMap<>();
    private int total;

    void add(String type) {
        byType.merge(type, 1, Integer::sum);
        total++;
    }

    public int total() {
        return total;
    }

    /** Count by type, sorted by type; null when nothing was replaced, so the field is left out of the trace. */
    public Map<String, Integer> byType() {
        return byType.isEmpty() ? null : Collections.unmodifiableMap(new TreeMap<>(byType));
    }
}
