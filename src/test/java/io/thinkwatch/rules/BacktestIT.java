package io.thinkwatch.rules;

import static io.restassured.RestAssured.given;
import static io.thinkwatch.rules.TraceBuilder.call;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.platform.Topics;
import io.thinkwatch.security.ApiToken;
import io.thinkwatch.security.UserRole;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Backtests over traces stored in the real OpenSearch, for saved and draft rules, within one tenant. */
@QuarkusTest
class BacktestIT {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ObjectMapper mapper;

    private final String tenant = "backtest-it-" + UUID.randomUUID();
    private final String admin = ApiToken.newSecret();
    private final String viewer = ApiToken.newSecret();
    private final Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);

    @BeforeEach
    void traffic() throws Exception {
        QuarkusTransaction.requiringNew().run(() -> {
            ApiToken.create(tenant, "admin", UserRole.ADMIN, admin);
            ApiToken.create(tenant, "viewer", UserRole.VIEWER, viewer);
        });
        List<TraceEvent> calls = List.of(
                call().tenant(tenant)
                        .app("a")
                        .exhausted()
                        .at(hour.plusSeconds(60))
                        .build(),
                call().tenant(tenant)
                        .app("a")
                        .exhausted()
                        .at(hour.plusSeconds(120))
                        .build(),
                call().tenant(tenant)
                        .app("a")
                        .exhausted()
                        .at(hour.plusSeconds(180))
                        .build(),
                call().tenant(tenant)
                        .app("g")
                        .reasoning(8_000)
                        .at(hour.plusSeconds(240))
                        .build(),
                call().tenant(tenant)
                        .app("g")
                        .reasoning(8_000)
                        .at(hour.plusSeconds(300))
                        .build(),
                call().tenant(tenant)
                        .app("g")
                        .reasoning(8_000)
                        .at(hour.plusSeconds(360))
                        .build(),
                call().tenant("another-" + tenant)
                        .app("a")
                        .exhausted()
                        .at(hour.plusSeconds(420))
                        .build());
        try (TestKafka kafka = new TestKafka(bootstrap)) {
            for (TraceEvent trace : calls) {
                kafka.send(Topics.TRACES, trace.traceId(), mapper.writeValueAsString(trace));
            }
        }
    }

    private RequestSpecification as(String token) {
        return given().port(port)
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .queryParam("from", hour.toString())
                .queryParam("to", hour.plusSeconds(3600).toString());
    }

    @Test
    void savedRuleBacktestFindsTheTenantsTruncatedCalls() {
        // Given a saved budget rule grouped by app, and stored traces of this tenant and another
        int id = as(admin)
                .body("{\"name\":\"budget\",\"kind\":\"budget_exhausted\",\"groupBy\":[\"app\"]}")
                .post("/api/v1/rules")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        // When a reviewer backtests it over the hour
        // Then it would have filed one finding counting this tenant's three truncated calls
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as(admin)
                        .post("/api/v1/rules/{id}/backtest", id)
                        .then()
                        .statusCode(200)
                        .body("tracesScanned", is(6))
                        .body("complete", is(true))
                        .body("matchedCalls", is(3))
                        .body("findings.groupKey", contains("app=a"))
                        .body("findings[0].count", is(3))
                        .body("findings[0].ruleId", equalTo(Integer.toString(id))));
    }

    @Test
    void draftWindowRuleIsReplayedInTimeOrder() {
        // Given a draft spend rule for app g: 20,000 reasoning tokens per hour
        String draft = "{\"name\":\"draft\",\"kind\":\"spend_window\",\"scope\":{\"app\":\"g\"},"
                + "\"params\":{\"metric\":\"reasoning_tokens\",\"window\":\"1h\",\"budget\":20000}}";

        // When it is backtested without saving
        // Then only the third call (24,000 tokens in the hour) would have been flagged
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as(admin)
                        .body(draft)
                        .post("/api/v1/rules/backtest")
                        .then()
                        .statusCode(200)
                        .body("tracesScanned", is(3))
                        .body("findings.ruleId", contains("draft"))
                        .body("findings[0].count", is(1))
                        .body("findings[0].observedValue", is(24000.0f)));
    }

    @Test
    void viewerCannotBacktest() {
        // Given a viewer
        // When they backtest a draft
        // Then it is forbidden (a content rule could probe text they may not read)
        as(viewer)
                .body("{\"name\":\"d\",\"kind\":\"budget_exhausted\"}")
                .post("/api/v1/rules/backtest")
                .then()
                .statusCode(403);
    }

    @Test
    void reversedRangeIsA400() {
        // Given an admin
        // When they backtest with to before from
        // Then the answer names the parameter
        given().port(port)
                .auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .queryParam("from", hour.plusSeconds(60).toString())
                .queryParam("to", hour.toString())
                .body("{\"name\":\"d\",\"kind\":\"budget_exhausted\"}")
                .post("/api/v1/rules/backtest")
                .then()
                .statusCode(400)
                .body("message", containsString("to: must be after from"));
    }
}
