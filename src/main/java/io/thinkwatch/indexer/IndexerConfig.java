package io.thinkwatch.indexer;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the indexer role ({@code thinkwatch.indexer.*}). */
@ConfigMapping(prefix = "thinkwatch.indexer")
public interface IndexerConfig {

    /** Kafka consumer group shared by all indexer instances. */
    @WithDefault("thinkwatch-indexer")
    String groupId();

    /** Most records written in one bulk request. */
    @WithDefault("1000")
    int maxBatch();

    /** Longest wait for records in one poll. */
    @WithDefault("500ms")
    Duration pollTimeout();

    /** First and longest pause between retries while OpenSearch refuses or is unreachable. */
    @WithDefault("200ms")
    Duration retryInitialDelay();

    @WithDefault("30s")
    Duration retryMaxDelay();
}
