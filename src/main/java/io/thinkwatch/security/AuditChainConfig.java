package io.thinkwatch.security;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Keys and checkpoints of the audit chain ({@code thinkwatch.audit.chain.*}, decision 0007). */
@ConfigMapping(prefix = "thinkwatch.audit.chain")
public interface AuditChainConfig {

    /**
     * Base64 of 32 random bytes that link new audit entries (HMAC-SHA256), e.g. {@code openssl rand -base64 32}.
     * Kept outside PostgreSQL; required wherever the console role runs; %dev and %test carry a fixed, public one.
     */
    Optional<String> key();

    /** Earlier keys, still needed to verify the entries they linked (comma-separated base64); none by default. */
    Optional<List<String>> previousKeys();

    /** How often each tenant's newest entry is checkpointed to Kafka, when its chain grew since the last one. */
    @WithDefault("1m")
    Duration checkpointInterval();
}
