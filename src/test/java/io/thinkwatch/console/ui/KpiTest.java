package io.thinkwatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KpiTest {

    @Test
    void countChangeIsInPercent() {
        // Given 150 calls now against 100 before
        // When the headline is built
        Kpi kpi = Kpi.amount("calls", "Calls", 150, 100, v -> Fmt.count(v));

        // Then it reads as a 50% rise
        assertThat(kpi.value()).isEqualTo("150");
        assertThat(kpi.change()).isEqualTo("▲ 50% vs the previous 24 h (100)");
        assertThat(kpi.trend()).isEqualTo(Kpi.Trend.UP);
    }

    @Test
    void nothingBeforeIsSaidInWords() {
        // Given calls now and none before
        // When the headline is built
        Kpi kpi = Kpi.amount("calls", "Calls", 3, 0, v -> Fmt.count(v));

        // Then it does not divide by zero
        assertThat(kpi.change()).isEqualTo("none in the previous 24 h");
    }

    @Test
    void rateChangeIsInPercentagePoints() {
        // Given a truncation rate of 5% against 7.5% before
        // When the headline is built
        Kpi kpi = Kpi.rate("truncation", "Truncated", 0.05, 0.075);

        // Then it reads as a fall of 2.5 points
        assertThat(kpi.value()).isEqualTo("5.0%");
        assertThat(kpi.change()).isEqualTo("▼ 2.5 pts vs the previous 24 h (7.5%)");
        assertThat(kpi.trend()).isEqualTo(Kpi.Trend.DOWN);
    }

    @Test
    void rateWithoutCallsIsNotZero() {
        // Given no calls in either window
        // When the headline is built
        Kpi kpi = Kpi.rate("empty", "Empty answers", null, null);

        // Then the rate is unknown, not 0%
        assertThat(kpi.value()).isEqualTo("—");
    }
}
