package io.thinkwatch.platform;

/** Kafka topic names; public contract (docs/architecture.md). */
public final class Topics {

    public static final String TRACES = "thinkwatch.traces";
    public static final String TRACES_DLQ = "thinkwatch.traces.dlq";
    public static final String FINDINGS = "thinkwatch.findings";
    public static final String FINDINGS_DLQ = "thinkwatch.findings.dlq";

    private Topics() {}
}
