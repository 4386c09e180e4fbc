package io.thinkwatch.unrecorded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class UnrecordedWindowTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final String COUNT_TOKENS = "/v1/models/*:countTokens";

    private static UnrecordedCount report(String tenant, String shape, long count, String instance, Instant until) {
        return new UnrecordedCount(tenant, "POST", shape, "gemini", count, instance, until);
    }

    @Test
    void reportsOfEveryInstanceAddUpByKindForTheTenant() {
        // Given reports of two capture instances for tenant a, and one for tenant b
        UnrecordedWindow window = new UnrecordedWindow(Duration.ofHours(1));
        window.add(report("a", COUNT_TOKENS, 12, "capture-1", NOW.minusSeconds(60)));
        window.add(report("a", COUNT_TOKENS, 30, "capture-2", NOW.minusSeconds(30)));
        window.add(report("a", "/v1/files", 1, "capture-2", NOW.minusSeconds(30)));
        window.add(report("b", "/v1/batches", 99, "capture-1", NOW.minusSeconds(30)));

        // When tenant a's last hour is read
        var totals = window.of("a", NOW);

        // Then it has a's kinds only, summed over both instances, most calls first
        assertThat(totals)
                .containsExactly(
                        new UnrecordedWindow.Total("POST", COUNT_TOKENS, "gemini", 42),
                        new UnrecordedWindow.Total("POST", "/v1/files", "gemini", 1));
    }

    @Test
    void reportsOlderThanTheSpanAreLeftOut() {
        // Given a report from two hours ago and one from ten minutes ago
        UnrecordedWindow window = new UnrecordedWindow(Duration.ofHours(1));
        window.add(report("a", COUNT_TOKENS, 500, "capture-1", NOW.minus(Duration.ofHours(2))));
        window.add(report("a", COUNT_TOKENS, 7, "capture-1", NOW.minus(Duration.ofMinutes(10))));

        // When the last hour is read, for the tenant and for all
        // Then only the recent report counts
        assertThat(window.of("a", NOW))
                .singleElement()
                .extracting(UnrecordedWindow.Total::calls)
                .isEqualTo(7L);
        assertThat(window.all(NOW))
                .singleElement()
                .extracting(UnrecordedWindow.Total::calls)
                .isEqualTo(7L);
    }
}
