package io.thinkwatch.search;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One page of a trace search: the number of all matching traces, this page's traces (without their
 * {@code request}), and the {@code after} token of the next page, null on the last one.
 */
public record TracePage(long total, List<ObjectNode> items, String next) {
}
