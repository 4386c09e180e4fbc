package io.thinkwatch.platform;

/** OpenSearch index names the indexer writes and the console reads; public contract (docs/architecture.md). */
public final class Indices {

    /** The alias every daily trace index ({@code thinkwatch-traces-YYYY.MM.DD}) joins; searches go through it. */
    public static final String TRACES = "thinkwatch-traces";
    /** The one index of findings (document id = {@code findingId}). */
    public static final String FINDINGS = "thinkwatch-findings";

    private Indices() {}
}
