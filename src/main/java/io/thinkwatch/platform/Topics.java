package io.thinkwatch.platform;

/** Kafka topic names; public contract (docs/architecture.md). */
public final class Topics {

    public static final String TRACES = "thinkwatch.traces";
    public static final String TRACES_DLQ = "thinkwatch.traces.dlq";
    public static final String FINDINGS = "thinkwatch.findings";
    public static final String FINDINGS_DLQ = "thinkwatch.findings.dlq";
    /** Compacted, one partition: signers, revoked capture keys and disabled tenants (decision 0022). */
    public static final String CAPTURE_KEYS = "thinkwatch.capture-keys";
    /** Compacted, one partition, key = tenant: the latest checkpoint of each tenant's audit chain (decision 0007). */
    public static final String AUDIT_CHECKPOINTS = "thinkwatch.audit-checkpoints";

    /**
     * Plain (deleted after a day), key = tenant: each capture instance's counts of the calls it forwarded without
     * recording them, by method and path shape (decision 0035).
     */
    public static final String UNRECORDED_CALLS = "thinkwatch.unrecorded-calls";

    private Topics() {}
}
