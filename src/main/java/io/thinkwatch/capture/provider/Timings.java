package io.thinkwatch.capture.provider;

import java.time.Duration;
import java.time.Instant;

/** When a call started, produced its first token, and completed. {@code firstTokenAt} may be null. */
public record Timings(Instant startedAt, Instant firstTokenAt, Instant completedAt) {

    Long latencyMs() {
        return startedAt == null || completedAt == null
                ? null
                : Duration.between(startedAt, completedAt).toMillis();
    }

    Long timeToFirstTokenMs() {
        return startedAt == null || firstTokenAt == null
                ? null
                : Duration.between(startedAt, firstTokenAt).toMillis();
    }
}
