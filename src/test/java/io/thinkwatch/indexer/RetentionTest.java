package io.thinkwatch.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class RetentionTest {

    @Test
    void indicesOlderThanTheRetentionGoAndTheBoundaryDayStays() {
        // Given daily indices around a 30-day boundary
        List<String> indices = List.of(
                "thinkwatch-traces-2026.02.27",
                "thinkwatch-traces-2026.02.28",
                "thinkwatch-traces-2026.03.01",
                "thinkwatch-traces-2026.03.31");

        // When retention of 30 days is applied on 2026-03-31
        List<String> expired = Retention.expired(indices, LocalDate.parse("2026-03-31"), 30);

        // Then only the days before 2026-03-01 are expired
        assertThat(expired).containsExactly("thinkwatch-traces-2026.02.27", "thinkwatch-traces-2026.02.28");
    }

    @Test
    void namesThatAreNotDailyTraceIndicesAreNeverExpired() {
        // Given indices that only look similar
        List<String> indices = List.of(
                "thinkwatch-traces-bench",
                "thinkwatch-traces-2001.13.40",
                "thinkwatch-findings",
                "thinkwatch-traces-2001.01.01-restored",
                "other-2001.01.01");

        // When retention runs
        List<String> expired = Retention.expired(indices, LocalDate.parse("2026-03-31"), 1);

        // Then none of them is touched
        assertThat(expired).isEmpty();
    }
}
