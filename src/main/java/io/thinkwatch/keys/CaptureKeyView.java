package io.thinkwatch.keys;

import java.time.Instant;

/** A capture key as the API lists it: never the key itself, only what describes it. */
public record CaptureKeyView(
        String id,
        String name,
        String app,
        String env,
        String createdBy,
        Instant createdAt,
        Instant revokedAt,
        String revokedBy) {

    static CaptureKeyView of(CaptureKey key) {
        return new CaptureKeyView(
                key.id, key.name, key.app, key.env, key.createdBy, key.createdAt, key.revokedAt, key.revokedBy);
    }
}
