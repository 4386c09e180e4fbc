package io.thinkwatch.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.thinkwatch.errors.Invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class StatsQueryTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private static List<String> problems(Map<String, List<String>> params) {
        Invalid e = catchThrowableOfType(Invalid.class, () -> StatsQuery.parse(params, NOW));
        assertThat(e).as("a 400 is expected").isNotNull();
        return e.details();
    }

    @Test
    void noParametersGiveTheLastDayByTheHour() {
        // Given no parameters
        // When parsed
        StatsQuery query = StatsQuery.parse(Map.of(), NOW);

        // Then the window is the 24 hours before now, in hourly buckets, without groups
        assertThat(query.filter().from()).isEqualTo(Instant.parse("2026-03-09T12:00:00Z"));
        assertThat(query.filter().to()).isEqualTo(NOW);
        assertThat(query.intervalDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(query.groupBy()).isNull();
    }

    @Test
    void intervalsFromAMinuteToADayAreAccepted() {
        // Given the interval forms
        // When read
        // Then each becomes its duration, and values outside 1m..1d or of another form are refused
        assertThat(StatsQuery.interval("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(StatsQuery.interval("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(StatsQuery.interval("6h")).isEqualTo(Duration.ofHours(6));
        assertThat(StatsQuery.interval("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(StatsQuery.interval("30s")).isNull();
        assertThat(StatsQuery.interval("2d")).isNull();
        assertThat(StatsQuery.interval("0m")).isNull();
        assertThat(StatsQuery.interval("1 h")).isNull();
    }

    @Test
    void badIntervalAndGroupAreNamed() {
        // Given an interval out of range and an unknown group field
        // When parsed
        List<String> problems = problems(Map.of("interval", List.of("10s"), "groupBy", List.of("user")));

        // Then both are named
        assertThat(problems).hasSize(2);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("interval: must be a number and a unit"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("groupBy: unknown field 'user'"));
    }

    @Test
    void tooManyBucketsAreRefused() {
        // Given minute buckets over 30 days
        // When parsed
        List<String> problems = problems(Map.of("interval", List.of("1m"), "from", List.of("2026-02-08T12:00:00Z")));

        // Then the interval is named with the bucket count
        assertThat(problems).singleElement().asString().startsWith("interval: 1m over PT720H makes 43201 buckets");
    }

    @Test
    void requestHasTenantFilterHistogramAndGroups() throws Exception {
        // Given a grouped query
        StatsQuery query = StatsQuery.parse(
                Map.of(
                        "groupBy",
                        List.of("model"),
                        "interval",
                        List.of("5m"),
                        "top",
                        List.of("3"),
                        "from",
                        List.of("2026-03-10T11:00:00Z")),
                NOW);

        // When the request is built
        JsonNode body = new ObjectMapper()
                .readTree(
                        StatsQueries.search("thinkwatch-traces", "acme", query).toJsonString());

        // Then it filters the tenant and window, and nests metrics in the histogram and the groups
        assertThat(body.get("size").asInt()).isZero();
        assertThat(body.at("/query/bool/filter/0/term/tenant/value").asText()).isEqualTo("acme");
        assertThat(body.at("/aggregations/series/date_histogram/fixed_interval").asText())
                .isEqualTo("5m");
        assertThat(body.at("/aggregations/series/date_histogram/min_doc_count").asInt())
                .isZero();
        assertThat(body.at("/aggregations/groups/terms/field").asText()).isEqualTo("model");
        assertThat(body.at("/aggregations/groups/terms/size").asInt()).isEqualTo(3);
        assertThat(body.at("/aggregations/groups/aggregations/series/aggregations/reasoning_pct/percentiles/field")
                        .asText())
                .isEqualTo("usage.reasoningTokens");
    }
}
