package io.thinkwatch.security;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Which captured text one answer showed: per trace (in the order shown), the names of its text fields that were in
 * the answer. Never the text itself. A trace whose answer held no text is not listed.
 */
public record TextShown(Map<String, NavigableSet<String>> fieldsByTrace) {

    public TextShown {
        fieldsByTrace = Collections.unmodifiableMap(new LinkedHashMap<>(fieldsByTrace));
    }

    /** The text fields of each trace as returned to the caller ({@link ContentAccess#textFields}). */
    public static TextShown of(Collection<ObjectNode> shown) {
        Map<String, NavigableSet<String>> map = new LinkedHashMap<>();
        for (ObjectNode trace : shown) {
            NavigableSet<String> fields = ContentAccess.textFields(trace);
            String id = trace.path("traceId").asText("");
            if (!fields.isEmpty() && !id.isEmpty()) {
                map.computeIfAbsent(id, k -> new TreeSet<>()).addAll(fields);
            }
        }
        return new TextShown(map);
    }

    /** The same fields for each of these traces, e.g. the answer excerpt of each row of a results page. */
    public static TextShown same(List<String> traceIds, NavigableSet<String> fields) {
        Map<String, NavigableSet<String>> map = new LinkedHashMap<>();
        traceIds.forEach(id -> map.put(id, fields));
        return new TextShown(map);
    }

    public boolean isEmpty() {
        return fieldsByTrace.isEmpty();
    }

    public List<String> traceIds() {
        return List.copyOf(fieldsByTrace.keySet());
    }

    /** Every field shown of any of the traces. */
    public NavigableSet<String> fields() {
        NavigableSet<String> all = new TreeSet<>();
        fieldsByTrace.values().forEach(all::addAll);
        return all;
    }
}
