package io.thinkwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration INITIAL = Duration.ofSeconds(5);
    private static final Duration MAX = Duration.ofMinutes(10);

    @Test
    void delayDoublesPerAttemptWithinItsJitter() {
        // Given the fourth failed attempt
        // When its delay is computed at both ends of the jitter
        Duration low = Backoff.delay(4, INITIAL, MAX, null, 0.0);
        Duration high = Backoff.delay(4, INITIAL, MAX, null, 0.999);

        // Then it lies between half and all of 5 s * 2^3
        assertThat(low).isEqualTo(Duration.ofSeconds(20));
        assertThat(high).isBetween(Duration.ofSeconds(39), Duration.ofSeconds(40));
    }

    @Test
    void delayIsCappedAtTheMaximum() {
        // Given the fortieth failed attempt
        // When its delay is computed
        // Then it never exceeds the maximum
        assertThat(Backoff.delay(40, INITIAL, MAX, null, 0.999)).isLessThanOrEqualTo(MAX);
    }

    @Test
    void retryAfterWinsWhenLonger() {
        // Given a receiver that asked for 90 s on the first failure
        // When the delay is computed
        // Then it waits those 90 s
        assertThat(Backoff.delay(1, INITIAL, MAX, Duration.ofSeconds(90), 0.5)).isEqualTo(Duration.ofSeconds(90));
    }
}
