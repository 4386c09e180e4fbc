package io.thinkwatch.keys;

import java.time.Instant;

/**
 * A capture key as the API lists it: never the key itself, only what describes it; {@code lastUsedAt} is the start
 * of its newest stored trace (null when none is stored yet, or the trace store cannot be asked).
 */
public record CaptureKeyView(
        String id,
        String name,
        String app,
        String env,
        String createdBy,
        Instant createdAt,
        Instant revokedAt,
        String revokedBy,
        Instant lastUsedAt) {

    static CaptureKeyView of(CaptureKey key, Instant lastUsedAt) {
        return new CaptureKeyView(
                key.id,
                key.name,
                key.app,
                key.env,
                key.createdBy,
                key.createdAt,
                key.revokedAt,
                key.revokedBy,
                lastUsedAt);
    }
}
