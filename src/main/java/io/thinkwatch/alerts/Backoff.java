package io.thinkwatch.alerts;

import java.time.Duration;

/**
 * Pause before the next attempt: exponential from the initial delay, capped, with "equal jitter" (half fixed,
 * half random) so a crowd of failed notifications does not return at the same instant. A receiver's
 * {@code Retry-After} is honoured when it asks for longer (up to an hour).
 */
final class Backoff {

    static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(1);

    private Backoff() {}

    /**
     * @param failedAttempt the attempt that just failed, from 1
     * @param random a number in [0, 1)
     */
    static Duration delay(int failedAttempt, Duration initial, Duration max, Duration retryAfter, double random) {
        long base = initial.toMillis();
        for (int i = 1; i < failedAttempt && base < max.toMillis(); i++) {
            base *= 2;
        }
        base = Math.min(base, max.toMillis());
        long jittered = base / 2 + (long) (base / 2.0 * random);
        Duration delay = Duration.ofMillis(jittered);
        if (retryAfter != null) {
            Duration asked = retryAfter.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : retryAfter;
            if (asked.compareTo(delay) > 0) {
                delay = asked;
            }
        }
        return delay;
    }
}
