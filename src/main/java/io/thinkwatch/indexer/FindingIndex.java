package io.thinkwatch.indexer;

/** The one index findings are written to (document id = {@code findingId}). */
public final class FindingIndex {

    public static final String NAME = "thinkwatch-findings";

    private FindingIndex() {
    }
}
