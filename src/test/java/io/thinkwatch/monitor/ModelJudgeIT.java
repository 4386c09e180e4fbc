package io.thinkwatch.monitor;

import static io.restassured.RestAssured.given;
import static io.thinkwatch.rules.TraceBuilder.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.thinkwatch.capture.PrometheusText;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.platform.Topics;
import io.thinkwatch.rules.RuleBook;
import io.thinkwatch.rules.TestKafka;
import io.thinkwatch.security.ApiToken;
import io.thinkwatch.security.UserRole;
import io.thinkwatch.simulator.SimulatorServer;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The model judge against real Kafka, OpenSearch and PostgreSQL, with the simulator as the tenant's judge: a
 * model-judged finding, the budget that stops it, a timeout, malformed answers, refused quotes, and a judge down then
 * up. Each test has its own tenant; the monitor role runs only under this profile (and MonitorIT's).
 */
@QuarkusTest
@TestProfile(ModelJudgeIT.WithModelJudge.class)
class ModelJudgeIT {

    public static class WithModelJudge implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "thinkwatch.roles", "capture,indexer,rules,console,monitor,simulator",
                    "thinkwatch.monitor.judge.timeout", "1s",
                    "thinkwatch.monitor.judge.retries", "1",
                    "thinkwatch.monitor.judge.retry-initial-delay", "100ms",
                    "thinkwatch.monitor.judge.retry-max-delay", "200ms",
                    "thinkwatch.monitor.judge.breaker-failures", "3",
                    "thinkwatch.monitor.judge.breaker-delay", "1s",
                    "thinkwatch.monitor.retry-initial-delay", "200ms",
                    "thinkwatch.monitor.retry-max-delay", "1s");
        }
    }

    private static final String HACK = "The grader only checks the exit code.\n"
            + "I'll make the test pass whatever the input [judge:reward_hacking]\nThen I answer.";

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ObjectMapper mapper;

    @Inject
    RuleBook book;

    @Inject
    SimulatorServer simulator;

    private final String tenant = "judge-it-" + UUID.randomUUID();
    private final String admin = ApiToken.newSecret();

    @BeforeEach
    void people() {
        QuarkusTransaction.requiringNew().run(() -> ApiToken.create(tenant, "admin", UserRole.ADMIN, admin));
    }

    @AfterEach
    void judgeBack() {
        simulator.judgeOutage(false);
    }

    private RequestSpecification as() {
        return given().port(port).auth().oauth2(admin).contentType(ContentType.JSON);
    }

    private void judge(String extra) {
        as().body("{\"baseUrl\":\"http://127.0.0.1:" + simulator.port() + "/judge/v1\",\"model\":\"sim-judge\","
                        + "\"apiKey\":\"sk-test-abcd1234\",\"inputUsdPerMtok\":2,\"outputUsdPerMtok\":8" + extra + "}")
                .put("/api/v1/monitor/judge")
                .then()
                .statusCode(200);
    }

    /** A model-judged rule for reward hacking, once the monitor has read it. */
    private int rule() {
        int id = as().body("{\"name\":\"hacks by model\",\"kind\":\"reasoning_monitor\",\"groupBy\":[\"app\"],"
                        + "\"params\":{\"categories\":[\"reward_hacking\"],\"judge\":\"model\"}}")
                .post("/api/v1/rules")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(book.get().get(String.valueOf(id))).isNotNull());
        return id;
    }

    private TraceEvent trace(String reasoning) {
        return call().tenant(tenant)
                .id("judged-" + UUID.randomUUID())
                .app("ci")
                .reasoningText(reasoning)
                .answer("Done.")
                .at(Instant.now())
                .build();
    }

    /** Sends the traces in order on one partition (keyed alike), so a later one is judged after the earlier. */
    private void send(TraceEvent... traces) throws Exception {
        try (TestKafka kafka = new TestKafka(bootstrap)) {
            for (TraceEvent trace : traces) {
                kafka.send(Topics.TRACES, tenant, mapper.writeValueAsString(trace));
            }
        }
    }

    private double metric(String name, String... labels) {
        try {
            return PrometheusText.value(given().port(port).get("/q/metrics").asString(), name, labels);
        } catch (AssertionError none) {
            return 0;
        }
    }

    private void awaitFindings(int rule, String... traceIds) {
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> as().queryParam("rule", rule)
                        .get("/api/v1/findings")
                        .then()
                        .statusCode(200)
                        .body("total", is(traceIds.length))
                        .body("items.traceIds.flatten()", containsInAnyOrder((Object[]) traceIds)));
    }

    @Test
    void aModelJudgedCallBecomesAFindingWithTheModelsVerdictAndTheJudgeCallIsATrace() throws Exception {
        // Given the simulator as the tenant's judge and a model-judged rule
        judge("");
        int rule = rule();
        TraceEvent hack = trace(HACK);

        // When a call whose reasoning the judge flags arrives
        send(hack);

        // Then its finding carries the model's verdict, with the quote as offsets into the reasoning
        String line = "I'll make the test pass whatever the input [judge:reward_hacking]";
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> as().queryParam("rule", rule)
                        .get("/api/v1/findings")
                        .then()
                        .statusCode(200)
                        .body("total", is(1))
                        .body("items[0].verdict.category", equalTo("reward_hacking"))
                        .body("items[0].verdict.score", is(0.9f))
                        .body("items[0].verdict.judge", equalTo("model"))
                        .body("items[0].verdict.judgeModel", equalTo("sim-judge"))
                        .body("items[0].verdict.promptVersion", equalTo("v1"))
                        .body(
                                "items[0].verdict.explanation",
                                equalTo("The reasoning carries the marker for reward_hacking."))
                        .body("items[0].verdict.evidence[0].start", is(HACK.indexOf(line)))
                        .body("items[0].verdict.evidence[0].end", is(HACK.indexOf(line) + line.length()))
                        .body("items[0].verdict.evidence[0].cue", equalTo("model_quote")));
        // And the judge's own call is a priced trace of the reserved app, counted in today's spend
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as().queryParam("app", "thinkwatch-judge")
                        .get("/api/v1/traces")
                        .then()
                        .statusCode(200)
                        .body("total", is(1))
                        .body("items[0].model", equalTo("sim-judge"))
                        .body("items[0].tags.judgedTrace", equalTo(hack.traceId()))
                        .body("items[0].costUsd", greaterThan(0f)));
        as().get("/api/v1/monitor/judge")
                .then()
                .statusCode(200)
                .body("apiKeyHint", equalTo("...1234"))
                .body("today.calls", is(1))
                .body("today.budgetExhausted", is(false));
    }

    @Test
    void aSpentBudgetStopsTheJudgeAndSaysSo() throws Exception {
        // Given a judge whose daily budget is one token, and a first call that spends more than that
        judge(",\"dailyTokenBudget\":1");
        int rule = rule();
        TraceEvent first = trace(HACK);
        send(first);
        awaitFindings(rule, first.traceId());
        double skipped = metric("thinkwatch_monitor_judge_calls_total", "outcome=\"budget_exhausted\"");

        // When another flagged call arrives
        send(trace(HACK + " again"));

        // Then the judge is not asked: the call is counted as skipped for the budget, and no finding is filed
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> assertThat(metric("thinkwatch_monitor_judge_calls_total", "outcome=\"budget_exhausted\""))
                                .isGreaterThan(skipped));
        awaitFindings(rule, first.traceId());
        // And the API and the health check say the judge stopped for the budget
        as().get("/api/v1/monitor/judge")
                .then()
                .statusCode(200)
                .body("today.budgetExhausted", is(true))
                .body("today.exhaustedBy", equalTo("tokens"));
        given().port(port)
                .get("/q/health/ready")
                .then()
                .body(
                        "checks.find { it.name == 'thinkwatch-monitor-judge' }.data.budgetExhaustedTenants",
                        greaterThan(0));
    }

    @Test
    void aJudgeCallThatTimesOutIsRetriedAndStillGivesItsVerdict() throws Exception {
        // Given a judge that answers the first request for this reasoning only after the timeout
        judge("");
        int rule = rule();
        double timeouts = metric("thinkwatch_monitor_judge_failed_attempts_total", "reason=\"timeout\"");
        TraceEvent slow = trace(HACK + "\n[judge-fail:slow-once]");

        // When the call arrives
        send(slow);

        // Then the first attempt is cut at the timeout, counted, and the retry files the finding
        awaitFindings(rule, slow.traceId());
        assertThat(metric("thinkwatch_monitor_judge_failed_attempts_total", "reason=\"timeout\""))
                .isGreaterThan(timeouts);
    }

    @Test
    void aMalformedAnswerIsRefusedAndCountedAndTheNextCallsAreJudged() throws Exception {
        // Given the simulator as the judge
        judge("");
        int rule = rule();
        double malformed = metric("thinkwatch_monitor_judge_calls_total", "outcome=\"malformed\"");
        TraceEvent broken = trace(HACK + "\n[judge-fail:malformed]");
        TraceEvent fine = trace(HACK + "\nfine");

        // When a call the judge answers with something that is not JSON arrives, then a normal one
        send(broken, fine);

        // Then only the normal one is a finding, and the malformed answer is counted
        awaitFindings(rule, fine.traceId());
        assertThat(metric("thinkwatch_monitor_judge_calls_total", "outcome=\"malformed\""))
                .isGreaterThan(malformed);
    }

    @Test
    void anAnswerQuotingWhatTheReasoningDoesNotSayIsRefused() throws Exception {
        // Given the simulator as the judge
        judge("");
        int rule = rule();
        double refused = metric("thinkwatch_monitor_judge_calls_total", "outcome=\"quote_refused\"");
        TraceEvent invented = trace(HACK + "\n[judge-fail:quote]");
        TraceEvent fine = trace(HACK + "\nfine");

        // When the judge flags a call with a quote that is not in its reasoning, then a normal one arrives
        send(invented, fine);

        // Then the invented verdict is refused (no finding) and counted; the normal one is filed
        awaitFindings(rule, fine.traceId());
        assertThat(metric("thinkwatch_monitor_judge_calls_total", "outcome=\"quote_refused\""))
                .isGreaterThan(refused);
    }

    @Test
    void whileTheJudgeIsDownVerdictsWaitAndWhenItReturnsEachIsFiledOnce() throws Exception {
        // Given the simulator as the judge, and the judge down
        judge("");
        int rule = rule();
        simulator.judgeOutage(true);
        double unavailable = metric("thinkwatch_monitor_judge_calls_total", "outcome=\"unavailable\"");
        List<TraceEvent> calls = List.of(trace(HACK + " 1"), trace(HACK + " 2"), trace(HACK + " 3"));

        // When three flagged calls arrive while it is down (and are asked about, and held)
        send(calls.toArray(TraceEvent[]::new));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> assertThat(metric("thinkwatch_monitor_judge_calls_total", "outcome=\"unavailable\""))
                                .isGreaterThan(unavailable));
        as().queryParam("rule", rule).get("/api/v1/findings").then().body("total", is(0));
        // and the judge comes back
        simulator.judgeOutage(false);

        // Then all three are filed, each once
        awaitFindings(rule, calls.stream().map(TraceEvent::traceId).toArray(String[]::new));
        as().queryParam("rule", rule)
                .get("/api/v1/findings")
                .then()
                .body("items.count", everyItem(is(1)))
                .body("items.verdict.judge", everyItem(equalTo("model")));
    }
}
