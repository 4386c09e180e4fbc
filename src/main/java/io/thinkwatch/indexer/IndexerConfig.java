package io.thinkwatch.indexer;

import java.time.Duration;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the indexer role ({@code thinkwatch.indexer.*}). */
@ConfigMapping(prefix = "thinkwatch.indexer")
public interface IndexerConfig {

    /** Kafka consumer group shared by all indexer instances. */
    @WithDefault("thinkwatch-indexer")
    String groupId();

    /** Most records read in one poll, written as one bulk request (or several, by {@link #maxBatchBytes()}). */
    @WithDefault("5000")
    int maxBatch();

    /** Most bytes (of the original records) in one bulk request; a larger batch is split. */
    @WithDefault("8388608")
    long maxBatchBytes();

    /**
     * Most bulk writes in flight at once: OpenSearch gets concurrent requests, and one poll more is read and prepared
     * meanwhile, to be sent the moment a write finishes. Offsets are still committed in order.
     */
    @WithDefault("2")
    int concurrentWrites();

    /** Longest wait for records in one poll. */
    @WithDefault("500ms")
    Duration pollTimeout();

    /** First and longest pause between retries while OpenSearch refuses or is unreachable. */
    @WithDefault("200ms")
    Duration retryInitialDelay();

    @WithDefault("30s")
    Duration retryMaxDelay();

    /** How often the consumer lag gauge is refreshed from the broker. */
    @WithDefault("5s")
    Duration lagInterval();

    /**
     * Copies of each trace and finding index shard besides the primary, set in the index templates: 0 for one node,
     * at least 1 where a data node may be lost without losing documents. Indices made before a change keep theirs.
     */
    @WithDefault("0")
    int replicas();

    /** Most characters of request text (prompt contents) made searchable per trace. */
    @WithDefault("32768")
    int maxRequestText();

    /** Daily trace indices older than this many days are deleted. */
    @WithDefault("30")
    int retentionDays();

    /**
     * Captured text (prompt, answer, reasoning) of traces older than this many days is removed, while their metadata
     * stays until {@link #retentionDays()}; unset keeps text as long as metadata. Legal holds keep text past it
     * (decision 0026). Applied by the console role.
     */
    OptionalInt contentRetentionDays();

    /** How often the retention job looks for expired indices (read by {@link RetentionJob}'s schedule). */
    @WithDefault("1h")
    Duration retentionInterval();
}
