package io.thinkwatch.search;

import java.util.List;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One page of trace search results: the number of all matching traces, this page's traces (without their
 * {@code request}), and the {@code after} token of the next page, null on the last one.
 */
public record TraceResults(long total, List<ObjectNode> items, String next) {

    /** The same page with each trace changed by {@code item}, e.g. to what a caller may see. */
    public TraceResults map(UnaryOperator<ObjectNode> item) {
        return new TraceResults(total, items.stream().map(item).toList(), next);
    }
}
