package io.thinkwatch.platform;

import java.time.Duration;

/**
 * The pause before a consumer loop starts again after an unexpected failure: the initial delay, doubled at each
 * restart up to the longest. Used by the loop's own thread only.
 */
public final class RestartBackoff {

    private final Duration max;
    private Duration next;

    public RestartBackoff(Duration initial, Duration max) {
        this.next = initial;
        this.max = max;
    }

    /** The pause before this restart; the next one is twice as long, up to the longest. */
    public Duration next() {
        Duration pause = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return pause;
    }
}
