package io.thinkwatch.capture;

import java.time.Duration;

/**
 * The wait between tries of a failing step: the first wait after a failure, doubled after each further failure
 * up to a ceiling, and no wait again after a success. Used by one thread.
 */
final class RetryWait {

    private final Duration first;
    private final Duration max;
    private Duration next;
    private Duration wait = Duration.ZERO;
    private long retryAt;

    RetryWait(Duration first, Duration max) {
        this.first = first;
        this.max = max;
        this.next = first;
    }

    /** A try failed at {@code now} (nanos): the wait now set before the next try, which this returns. */
    Duration failed(long now) {
        wait = next;
        retryAt = now + wait.toNanos();
        next = wait.multipliedBy(2).compareTo(max) > 0 ? max : wait.multipliedBy(2);
        return wait;
    }

    void succeeded() {
        wait = Duration.ZERO;
        next = first;
    }

    /** Whether the next try may start at {@code now} (nanos). */
    boolean due(long now) {
        return wait.isZero() || now - retryAt >= 0;
    }

    /** The wait set by the last failure; zero after a success. */
    Duration current() {
        return wait;
    }
}
