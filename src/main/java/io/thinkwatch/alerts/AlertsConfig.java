package io.thinkwatch.alerts;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the alerts role and of channel management ({@code thinkwatch.alerts.*}). */
@ConfigMapping(prefix = "thinkwatch.alerts")
public interface AlertsConfig {

    /**
     * Base64 of 32 random bytes that encrypt channel secrets (AES-256-GCM), e.g. {@code openssl rand -base64 32}.
     * Required wherever the console or alerts role runs; %dev and %test carry a fixed, public one.
     */
    Optional<String> secretKey();

    /** Allow webhook targets in loopback, private and link-local ranges (off in production: SSRF). */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /** Kafka consumer group of the findings consumer, shared by every alerts instance. */
    @WithDefault("thinkwatch-alerts")
    String groupId();

    /** Longest wait for findings in one poll. */
    @WithDefault("500ms")
    Duration pollTimeout();

    /** Wait after the first match of a group before its first notification, so a burst folds into one. */
    @WithDefault("1s")
    Duration groupDelay();

    /** At most one notification per finding group and channel in this window; later matches are counted. */
    @WithDefault("10m")
    Duration groupWindow();

    /** How often the dispatcher looks for due notifications. */
    @WithDefault("1s")
    Duration dispatchInterval();

    /** Most notifications one dispatcher claims at a time. */
    @WithDefault("50")
    int dispatchBatch();

    /** Parallel sends of one dispatcher. */
    @WithDefault("4")
    int dispatchThreads();

    /** How long a claimed notification belongs to its dispatcher; must exceed the HTTP timeout by far. */
    @WithDefault("2m")
    Duration lease();

    /** Attempts before a notification is given up (it stays visible, state {@code failed}). */
    @WithDefault("10")
    int maxAttempts();

    /** First and longest pause between attempts (exponential, with jitter; Retry-After wins when longer). */
    @WithDefault("5s")
    Duration retryInitialDelay();

    @WithDefault("10m")
    Duration retryMaxDelay();

    /** Timeouts of the one HTTP client that talks to receivers. */
    @WithDefault("5s")
    Duration connectTimeout();

    @WithDefault("10s")
    Duration requestTimeout();

    /** Sent and given-up notifications, their attempts, and finding counts are deleted after this long. */
    @WithDefault("30d")
    Duration retention();

    /** Sender address of email channels that do not set their own {@code from}. */
    @WithDefault("thinkwatch@localhost")
    String mailFrom();
}
