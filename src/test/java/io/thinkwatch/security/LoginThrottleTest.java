package io.thinkwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final HandClock clock = new HandClock();
    private final LoginThrottle throttle = new LoginThrottle(clock, 3, 10);

    @Test
    void theFailuresAllowedCostNoWait() {
        assertThat(throttle.failed("ann", "10.0.0.1")).isFalse();
        assertThat(throttle.failed("ann", "10.0.0.1")).isFalse();
        assertThat(throttle.failed("ann", "10.0.0.1")).isFalse();

        assertThat(throttle.waitFor("ann", "10.0.0.1")).isEmpty();
    }

    @Test
    void eachFailureOverTheAllowanceDoublesTheWait() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("ann", "10.0.0.1");
        }

        // The fourth failure starts the waiting: 1 s, then 2 s after the fifth, then 4 s
        assertThat(throttle.failed("ann", "10.0.0.2")).isTrue();
        assertThat(throttle.waitFor("ann", "10.0.0.3")).contains(Duration.ofSeconds(1));
        clock.now = clock.now.plusSeconds(1);
        assertThat(throttle.waitFor("ann", "10.0.0.3")).isEmpty();
        throttle.failed("ann", "10.0.0.2");
        assertThat(throttle.waitFor("ann", "10.0.0.3")).contains(Duration.ofSeconds(2));
        throttle.failed("ann", "10.0.0.2");
        assertThat(throttle.waitFor("ann", "10.0.0.3")).contains(Duration.ofSeconds(4));
        // Another user name from another source is not slowed
        assertThat(throttle.waitFor("bob", "10.0.0.3")).isEmpty();
    }

    @Test
    void theWaitStopsAtFiveMinutes() {
        for (int i = 0; i < 40; i++) {
            throttle.failed("ann", "10.0.0.1");
        }

        assertThat(throttle.waitFor("ann", "10.0.0.9")).contains(Duration.ofMinutes(5));
    }

    @Test
    void oneSourceTryingManyNamesIsSlowedToo() {
        for (int i = 0; i < 11; i++) {
            throttle.failed("user-" + i, "10.0.0.1");
        }

        assertThat(throttle.waitFor("someone-new", "10.0.0.1")).contains(Duration.ofSeconds(1));
        assertThat(throttle.waitFor("someone-new", "10.0.0.2")).isEmpty();
    }

    @Test
    void aSuccessClearsTheUserButNotTheSource() {
        for (int i = 0; i < 11; i++) {
            throttle.failed("ann", "10.0.0.1");
        }

        throttle.succeeded("ann");

        assertThat(throttle.waitFor("ann", "10.0.0.2")).isEmpty();
        assertThat(throttle.waitFor("ann", "10.0.0.1")).isPresent();
    }

    @Test
    void failuresAreForgottenAQuarterOfAnHourAfterTheLast() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("ann", "10.0.0.1");
        }

        clock.now = clock.now.plus(LoginThrottle.FORGET_AFTER).plusSeconds(1);

        assertThat(throttle.waitFor("ann", "10.0.0.1")).isEmpty();
        assertThat(throttle.failed("ann", "10.0.0.1")).isFalse();
    }
}
