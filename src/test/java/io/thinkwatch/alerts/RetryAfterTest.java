package io.thinkwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void secondsAreRead() {
        // Given Retry-After in seconds
        // When it is parsed
        // Then the delay is that many seconds
        assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void httpDateIsReadRelativeToNow() {
        // Given Retry-After as an HTTP date 30 s ahead
        // When it is parsed
        // Then the delay is 30 s
        assertThat(RetryAfter.parse("Fri, 02 Jan 2026 03:04:35 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void garbageIsIgnored() {
        // Given an unreadable value
        // When it is parsed
        // Then there is no delay from it
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
    }

    @Test
    void classifiesHttpAnswers() {
        // Given answers a receiver can give
        // When they are classified
        // Then 2xx delivers, 429 and 5xx retry, other 4xx give up
        assertThat(SendResult.ofHttp(202, 5, "", null).delivered()).isTrue();
        assertThat(SendResult.ofHttp(429, 5, "slow down", Duration.ofSeconds(3)).permanent())
                .isFalse();
        assertThat(SendResult.ofHttp(503, 5, "", null).permanent()).isFalse();
        assertThat(SendResult.ofHttp(404, 5, "no_service", null).permanent()).isTrue();
    }
}
