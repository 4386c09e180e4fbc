package io.thinkwatch.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** {@code GET /api/v1/stats}: totals, a time series and a breakdown of known traces. */
@QuarkusTest
class StatsIT {

    private static SearchFixture fixture;

    @Inject
    OpenSearchClient client;

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    @BeforeEach
    void traces() throws Exception {
        if (fixture == null) {
            fixture = SearchFixture.publish("stats", client);
        }
    }

    private JsonPath stats(Map<String, ?> params) {
        return given().port(consolePort)
                .auth()
                .oauth2(fixture.token)
                .queryParams(params)
                .queryParam("from", fixture.base.toString())
                .queryParam("to", fixture.base.plus(3, ChronoUnit.HOURS).toString())
                .get("/api/v1/stats")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void totalsOfTheWindow() {
        // Given 24 traces in three hours: 100..2400 reasoning tokens, 0.001..0.024 dollars, every fourth truncated
        // When the stats of those hours are read
        JsonPath stats = stats(Map.of());

        // Then count, sums, percentiles and rates are those of the traces
        assertThat(stats.getLong("count")).isEqualTo(24);
        assertThat(stats.getLong("reasoningTokens.sum")).isEqualTo(30_000);
        assertThat(stats.getDouble("reasoningTokens.p50")).isCloseTo(1250, within(150.0));
        assertThat(stats.getDouble("reasoningTokens.p95")).isCloseTo(2300, within(150.0));
        assertThat(stats.getDouble("costUsd")).isCloseTo(0.3, within(1e-9));
        assertThat(stats.getDouble("truncationRate")).isEqualTo(0.25);
        assertThat(stats.getDouble("emptyAnswerRate")).isEqualTo(0.25);
    }

    @Test
    void hourlySeriesHasABucketPerHour() {
        // Given eight traces in each of three hours
        // When the stats are read by the hour
        JsonPath stats = stats(Map.of("interval", "1h"));

        // Then there are three buckets of eight, starting at each hour
        assertThat(stats.getList("series.count", Integer.class)).containsExactly(8, 8, 8);
        assertThat(stats.getString("series[0].at")).isEqualTo(fixture.base.toString());
        assertThat(stats.getLong("series[2].reasoningTokens.sum"))
                .isEqualTo(100L * (17 + 18 + 19 + 20 + 21 + 22 + 23 + 24));
    }

    @Test
    void breakdownByModelWithItsOwnSeries() {
        // Given eight traces of each of three models
        // When the stats are grouped by model
        JsonPath stats = stats(Map.of("groupBy", "model", "interval", "30m"));

        // Then each model has its count, sums, rates and a series of six half hours
        assertThat(stats.getString("groupBy")).isEqualTo("model");
        assertThat(stats.getList("groups.key", String.class))
                .containsExactlyInAnyOrder("o3", "o4-mini", "claude-sonnet");
        assertThat(stats.getList("groups.count", Integer.class)).containsOnly(8);
        Map<String, Object> o3 = stats.getMap("groups.find { it.key == 'o3' }");
        assertThat(((Number) ((Map<?, ?>) o3.get("reasoningTokens")).get("sum")).longValue())
                .isEqualTo(100L * (1 + 4 + 7 + 10 + 13 + 16 + 19 + 22));
        assertThat((List<?>) o3.get("series")).hasSize(6);
        assertThat(((Number) o3.get("truncationRate")).doubleValue()).isEqualTo(2.0 / 8);
    }

    @Test
    void filtersApplyToStatistics() {
        // Given traces of two apps
        // When the stats of app-a are read
        JsonPath stats = stats(Map.of("app", "app-a"));

        // Then only its twelve traces count
        assertThat(stats.getLong("count")).isEqualTo(12);
    }

    @Test
    void badIntervalIsRefused() {
        // Given an interval below a minute and an unknown grouping
        // When the stats are read
        // Then the answer is 400 naming both
        given().port(consolePort)
                .auth()
                .oauth2(fixture.token)
                .queryParam("interval", "10s")
                .queryParam("groupBy", "userId")
                .get("/api/v1/stats")
                .then()
                .statusCode(400)
                .body("error", equalTo("bad_request"))
                .body("details", hasItem(startsWith("interval: must be a number and a unit")))
                .body("details", hasItem(startsWith("groupBy: unknown field 'userId'")));
    }
}
