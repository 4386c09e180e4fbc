package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryWaitTest {

    private final RetryWait retry = new RetryWait(Duration.ofMillis(200), Duration.ofSeconds(1));

    @Test
    void aSuccessEndsTheWaitAndStartsOverFromTheFirstWait() {
        // Given three failures
        retry.failed(0);
        retry.failed(0);
        retry.failed(0);

        // When a try succeeds
        retry.succeeded();

        // Then the next try may start at once, and the next failure waits the first wait again
        assertThat(retry.due(0)).isTrue();
        assertThat(retry.current()).isZero();
        assertThat(retry.failed(0)).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void theNextTryIsDueExactlyAfterTheWaitAFailureReturns() {
        // Given a failure at 5 s (in nanoseconds), after one before it
        retry.failed(0);

        // When the next try fails too
        Duration wait = retry.failed(5_000_000_000L);

        // Then it waits twice the first wait, capped, and is due exactly then
        assertThat(wait).isEqualTo(Duration.ofMillis(400)).isEqualTo(retry.current());
        assertThat(retry.due(5_000_000_000L + wait.toNanos() - 1)).isFalse();
        assertThat(retry.due(5_000_000_000L + wait.toNanos())).isTrue();
    }
}
