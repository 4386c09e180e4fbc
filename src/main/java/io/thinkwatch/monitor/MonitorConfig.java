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

    /** The model judge, for rules with {@code judge: model} (the tenant's endpoint is set through the API). */
    Judge judge();

    /** Settings of the model judge's calls, the same for every tenant. */
    interface Judge {

        /** Longest wait for one judge call (one attempt). */
        @WithDefault("20s")
        Duration timeout();

        /** Attempts after the first when the judge times out or answers 5xx or 429. */
        @WithDefault("2")
        int retries();

        /** First and longest pause between those attempts (exponential, with jitter). */
        @WithDefault("500ms")
        Duration retryInitialDelay();

        @WithDefault("5s")
        Duration retryMaxDelay();

        /** Failed calls in a row (after their retries) that open a tenant's breaker. */
        @WithDefault("5")
        int breakerFailures();

        /** How long an open breaker rejects calls before one is let through to try. */
        @WithDefault("30s")
        Duration breakerDelay();

        /** Most calls in flight to one tenant's judge. */
        @WithDefault("16")
        int concurrency();

        /** Threads that wait on judge calls, all tenants together. */
        @WithDefault("64")
        int threads();

        /** Verdicts kept by content hash (prompt version, model, categories, request, reasoning, answer). */
        @WithDefault("10000")
        long cacheSize();

        /**
         * Longest a poll waits for a judge that is down before its calls are judged by the built-in judge instead
         * (counted {@code fallback}); until then the monitor holds the poll's offsets and retries.
         */
        @WithDefault("1h")
        Duration maxHold();
    }
}
