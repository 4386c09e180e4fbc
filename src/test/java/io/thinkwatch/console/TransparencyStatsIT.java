package io.thinkwatch.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.thinkwatch.security.ApiToken;
import io.thinkwatch.security.UserRole;
import io.thinkwatch.testing.TestTraces;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/v1/stats}, its {@code transparency}: the share of reasoning calls that showed reasoning, and
 * reasoning characters shown per reasoning token billed, per model with its provider, by day, of the caller's tenant.
 */
@QuarkusTest
class TransparencyStatsIT {

    private static String tenant;
    private static String token;
    private static Instant day;

    @Inject
    OpenSearchClient client;

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    /**
     * Day one: o3 (openai) four calls of 1,000 reasoning tokens showing none; claude (anthropic) two calls of 500
     * tokens showing 1,500 characters each; gpt-4o (openai) one call without reasoning. Day two: claude two calls of
     * 500 tokens, one showing 1,000 characters, one none. Another tenant's call that shows reasoning is not counted.
     */
    @BeforeEach
    void traces() throws Exception {
        if (tenant != null) {
            return;
        }
        tenant = TestTraces.tenant("transparency");
        String other = TestTraces.tenant("transparency-other");
        day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(3, ChronoUnit.DAYS);
        List<ObjectNode> traces = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            traces.add(call(tenant, "o3", "openai", day.plusSeconds(3600 + i), 1000, null));
        }
        for (int i = 0; i < 2; i++) {
            traces.add(call(tenant, "claude", "anthropic", day.plusSeconds(7200 + i), 500, "r".repeat(1500)));
        }
        traces.add(call(tenant, "gpt-4o", "openai", day.plusSeconds(9000), 0, null));
        Instant second = day.plus(1, ChronoUnit.DAYS);
        traces.add(call(tenant, "claude", "anthropic", second.plusSeconds(3600), 500, "r".repeat(1000)));
        traces.add(call(tenant, "claude", "anthropic", second.plusSeconds(3601), 500, null));
        traces.add(call(other, "claude", "anthropic", second.plusSeconds(3602), 500, "r".repeat(9000)));
        try (TestTraces publisher = new TestTraces()) {
            publisher.publish(traces);
        }
        token = ApiToken.newSecret();
        QuarkusTransaction.requiringNew().run(() -> ApiToken.create(tenant, "it", UserRole.VIEWER, token));
        TestTraces.awaitCount(client, tenant, 9, Duration.ofMinutes(2));
        TestTraces.awaitCount(client, other, 1, Duration.ofMinutes(2));
    }

    private static ObjectNode call(
            String tenant, String model, String provider, Instant at, long reasoningTokens, String reasoning) {
        ObjectNode t = TestTraces.trace(tenant, tenant + "-" + at.toEpochMilli(), at);
        t.put("model", model).put("provider", provider);
        ((ObjectNode) t.get("usage")).put("reasoningTokens", reasoningTokens);
        if (reasoning == null) {
            t.remove("reasoningText");
        } else {
            t.put("reasoningText", reasoning);
        }
        return t;
    }

    private JsonPath stats(String groupBy) {
        return given().port(consolePort)
                .auth()
                .oauth2(token)
                .queryParam("from", day.toString())
                .queryParam("to", day.plus(2, ChronoUnit.DAYS).toString())
                .queryParam("interval", "1d")
                .queryParam("groupBy", groupBy)
                .get("/api/v1/stats")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void theWindowsTransparencyCountsOnlyCallsThatReasonedOfTheCallersTenant() {
        // Given the calls above
        // When the stats of the two days are read
        JsonPath stats = stats("model");

        // Then 3 of the 8 calls that reasoned showed any, and 4,000 characters were shown for 6,000 tokens billed
        assertThat(stats.getLong("transparency.reasoningCalls")).isEqualTo(8);
        assertThat(stats.getLong("transparency.visibleCalls")).isEqualTo(3);
        assertThat(stats.getDouble("transparency.visibleRate")).isEqualTo(0.375);
        assertThat(stats.getLong("transparency.visibleChars")).isEqualTo(4000);
        assertThat(stats.getLong("transparency.billedReasoningTokens")).isEqualTo(6000);
        assertThat(stats.getDouble("transparency.charsPerToken")).isCloseTo(4000.0 / 6000, within(1e-6));
    }

    @Test
    void perModelWithItsProvider() {
        // Given the calls above
        // When the stats are read by model
        JsonPath stats = stats("model");

        // Then o3 showed nothing of its reasoning, claude three quarters of its calls at two characters per token,
        // and gpt-4o did not reason
        assertThat(stats.getString("groups.find { it.key == 'o3' }.provider")).isEqualTo("openai");
        assertThat(stats.getDouble("groups.find { it.key == 'o3' }.transparency.visibleRate"))
                .isEqualTo(0.0);
        assertThat(stats.getDouble("groups.find { it.key == 'o3' }.transparency.charsPerToken"))
                .isEqualTo(0.0);
        assertThat(stats.getString("groups.find { it.key == 'claude' }.provider"))
                .isEqualTo("anthropic");
        assertThat(stats.getDouble("groups.find { it.key == 'claude' }.transparency.visibleRate"))
                .isEqualTo(0.75);
        assertThat(stats.getDouble("groups.find { it.key == 'claude' }.transparency.charsPerToken"))
                .isEqualTo(2.0);
        assertThat(stats.getLong("groups.find { it.key == 'gpt-4o' }.transparency.reasoningCalls"))
                .isZero();
        assertThat((Object) stats.get("groups.find { it.key == 'gpt-4o' }.transparency.visibleRate"))
                .isNull();
    }

    @Test
    void dailyBucketsShowHowItMoves() {
        // Given the calls above
        // When the stats are read by day and provider
        JsonPath stats = stats("provider");

        // Then day one showed 2 of 6 reasoning calls (3,000 characters for 5,000 tokens), day two 1 of 2 (1,000 for
        // 1,000); a grouping other than model names no provider
        assertThat(stats.getList("series.transparency.visibleCalls", Integer.class))
                .containsExactly(2, 1);
        assertThat(stats.getList("series.transparency.reasoningCalls", Integer.class))
                .containsExactly(6, 2);
        assertThat(stats.getList("series.transparency.charsPerToken", Double.class))
                .containsExactly(0.6, 1.0);
        assertThat(stats.getList("groups.provider")).containsOnlyNulls();
        assertThat(stats.getList("groups.find { it.key == 'anthropic' }.series.transparency.visibleRate", Double.class))
                .containsExactly(1.0, 0.5);
    }
}
