package io.thinkwatch.monitor;

import static io.restassured.RestAssured.given;
import static io.thinkwatch.rules.TraceBuilder.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.platform.Topics;
import io.thinkwatch.rules.RuleBook;
import io.thinkwatch.rules.TestKafka;
import io.thinkwatch.security.ApiToken;
import io.thinkwatch.security.UserRole;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The monitor role against real Kafka, OpenSearch and PostgreSQL: traces in, a finding per flagged call with its
 * verdict in the review queue, calls without reasoning not judged, replays not filed twice, backtests like other
 * kinds. Only this test runs the role (its own profile), so the rest of the suite does not pay for it.
 */
@QuarkusTest
@TestProfile(MonitorIT.WithMonitor.class)
class MonitorIT {

    public static class WithMonitor implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("thinkwatch.roles", "capture,indexer,rules,console,monitor");
        }
    }

    private static final String HACK = "The grader is strict. I'll hard-code the expected output for that input.";
    private static final String BENIGN = "The test fails on an off-by-one; I'll fix the loop bound and rerun.";

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ObjectMapper mapper;

    @Inject
    RuleBook book;

    private final String tenant = "monitor-it-" + UUID.randomUUID();
    private final String admin = ApiToken.newSecret();
    private final Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);

    @BeforeEach
    void people() {
        QuarkusTransaction.requiringNew().run(() -> ApiToken.create(tenant, "admin", UserRole.ADMIN, admin));
    }

    private RequestSpecification as(String token) {
        return given().port(port).auth().oauth2(token).contentType(ContentType.JSON);
    }

    private int monitorRule() {
        return as(admin)
                .body("{\"name\":\"hacks\",\"kind\":\"reasoning_monitor\",\"groupBy\":[\"app\"],"
                        + "\"params\":{\"categories\":[\"reward_hacking\"]}}")
                .post("/api/v1/rules")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private void send(TestKafka kafka, String key, TraceEvent trace) throws Exception {
        kafka.send(Topics.TRACES, key, mapper.writeValueAsString(trace));
    }

    @Test
    void aFlaggedCallBecomesOneFindingWithItsVerdictAndReplaysAreNotFiledTwice() throws Exception {
        // Given a saved monitor rule for reward hacking (the monitor reads rules within a second or two)
        int rule = monitorRule();
        TraceEvent hack = call().tenant(tenant)
                .id("hack-" + UUID.randomUUID())
                .app("ci")
                .reasoningText(HACK)
                .at(Instant.now())
                .build();
        TraceEvent benign = call().tenant(tenant)
                .app("ci")
                .reasoningText(BENIGN)
                .at(Instant.now())
                .build();
        TraceEvent hidden = call().tenant(tenant).app("ci").at(Instant.now()).build();

        // When a hacking call, a benign one and one without visible reasoning arrive, then the first is replayed
        // and another hacking call follows on the same partition (keyed like the replay)
        TraceEvent later = call().tenant(tenant)
                .id("later-" + UUID.randomUUID())
                .app("ci")
                .reasoningText(HACK)
                .at(Instant.now())
                .build();
        // (the monitor judges with the rules it has: the calls go out once it has read the new one)
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(book.get().get(String.valueOf(rule))).isNotNull());
        try (TestKafka kafka = new TestKafka(bootstrap)) {
            send(kafka, hack.traceId(), hack);
            send(kafka, benign.traceId(), benign);
            send(kafka, hidden.traceId(), hidden);
            send(kafka, hack.traceId(), hack);
            send(kafka, hack.traceId(), later);
        }

        // Then exactly the two hacking calls are findings, each once, with category, score, judge and evidence
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> as(admin)
                        .queryParam("rule", rule)
                        .get("/api/v1/findings")
                        .then()
                        .statusCode(200)
                        .body("total", is(2))
                        .body(
                                "items.traceIds.flatten()",
                                org.hamcrest.Matchers.containsInAnyOrder(hack.traceId(), later.traceId()))
                        .body("items[0].kind", equalTo("reasoning_monitor"))
                        .body("items[0].count", is(1))
                        .body("items[0].unit", equalTo("score"))
                        .body("items[0].verdict.category", equalTo("reward_hacking"))
                        .body("items[0].verdict.judge", equalTo("built_in"))
                        .body("items[0].verdict.evidence[0].start", is(HACK.indexOf("hard-code")))
                        .body("items[0].verdict.evidence[0].cue", equalTo("hard_code_expected")));
    }

    @Test
    void aBacktestOfAMonitorRuleReadsStoredTraces() throws Exception {
        // Given stored calls of this tenant from two hours ago: one hacking, one benign, one without reasoning
        TraceEvent hack = call().tenant(tenant)
                .app("ci")
                .reasoningText(HACK)
                .at(hour.plusSeconds(60))
                .build();
        try (TestKafka kafka = new TestKafka(bootstrap)) {
            send(kafka, hack.traceId(), hack);
            TraceEvent benign = call().tenant(tenant)
                    .app("ci")
                    .reasoningText(BENIGN)
                    .at(hour.plusSeconds(120))
                    .build();
            send(kafka, benign.traceId(), benign);
            TraceEvent hidden =
                    call().tenant(tenant).app("ci").at(hour.plusSeconds(180)).build();
            send(kafka, hidden.traceId(), hidden);
        }

        // When a draft monitor rule is backtested over that hour
        // Then it would have filed one finding, for the hacking call, with its verdict
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as(admin)
                        .queryParam("from", hour.toString())
                        .queryParam("to", hour.plusSeconds(3600).toString())
                        .body("{\"name\":\"draft\",\"kind\":\"reasoning_monitor\"}")
                        .post("/api/v1/rules/backtest")
                        .then()
                        .statusCode(200)
                        .body("tracesScanned", is(3))
                        .body("matchedCalls", is(1))
                        .body("findings.traceIds", contains(java.util.List.of(hack.traceId())))
                        .body("findings[0].verdict.category", equalTo("reward_hacking")));
    }
}
