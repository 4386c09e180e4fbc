package io.thinkwatch.security;

import java.time.Instant;

/**
 * What a tenant's audit chain held at one moment, kept outside PostgreSQL (the compacted Kafka topic
 * {@code thinkwatch.audit-checkpoints}): its entry {@code seq} had {@code hash}, linked with key {@code keyId}.
 * A chain that no longer has that hash at that seq, or ends before it, was rewritten or cut.
 */
public record AuditCheckpoint(String tenant, long seq, String hash, Instant at, String keyId) {}
