package io.thinkwatch.monitor;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the monitor role ({@code thinkwatch.monitor.*}): the consumer of traces that judges reasoning. */
@ConfigMapping(prefix = "thinkwatch.monitor")
public interface MonitorConfig {

    /** Kafka consumer group of the monitor instances; they share the traces topic by partition. */
    @WithDefault("thinkwatch-monitor")
    String groupId();

    /** Most traces judged per poll. */
    @WithDefault("500")
    int maxBatch();

    /** Longest wait for traces in one poll. */
    @WithDefault("500ms")
    Duration pollTimeout();

    /** Longest wait for Kafka to acknowledge a poll's findings before the poll's write is retried. */
    @WithDefault("30s")
    Duration sendTimeout();

    /** First and longest pause between retries while findings cannot be sent. */
    @WithDefault("200ms")
    Duration retryInitialDelay();

    @WithDefault("30s")
    Duration retryMaxDelay();
}
