package io.thinkwatch.indexer;

import io.thinkwatch.platform.Indices;

/** The one index findings are written to (document id = {@code findingId}). */
public final class FindingIndex {

    public static final String NAME = Indices.FINDINGS;

    private FindingIndex() {}
}
