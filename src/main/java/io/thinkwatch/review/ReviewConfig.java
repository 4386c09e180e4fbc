package io.thinkwatch.review;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the review queue's findings consumer ({@code thinkwatch.review.*}); it runs in the rules role. */
@ConfigMapping(prefix = "thinkwatch.review")
public interface ReviewConfig {

    /** Kafka consumer group of the instances that file findings as review items. */
    @WithDefault("thinkwatch-review")
    String groupId();

    /** Most findings written in one database transaction. */
    @WithDefault("500")
    int maxBatch();

    /** Longest wait for findings in one poll. */
    @WithDefault("500ms")
    Duration pollTimeout();

    /** First and longest pause between retries while PostgreSQL refuses. */
    @WithDefault("200ms")
    Duration retryInitialDelay();

    @WithDefault("30s")
    Duration retryMaxDelay();
}
