package io.thinkwatch.retention;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.thinkwatch.console.ui.ConsoleSession;
import io.thinkwatch.model.RuleKind;
import io.thinkwatch.model.Severity;
import io.thinkwatch.review.FindingState;
import io.thinkwatch.review.ReviewItem;
import io.thinkwatch.search.TraceSearch;
import io.thinkwatch.security.ApiToken;
import io.thinkwatch.security.User;
import io.thinkwatch.security.UserRole;
import io.thinkwatch.testing.TestTraces;

/**
 * Content retention against the real OpenSearch and PostgreSQL: past it a trace keeps its metadata and loses its
 * text, unless a legal hold on the trace, a finding of it or its app keeps it; a released hold lets it expire.
 * The traces are stored 20 days back and the job runs as of a later day ("the clock moved forward"), so the
 * other tests' traces of today are not touched and metadata retention (30 days) does not remove them meanwhile.
 */
@QuarkusTest
class ContentRetentionIT {

    private static final int DAYS = 7;

    @Inject
    OpenSearchClient client;

    @Inject
    ContentExpiryJob job;

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    private final TestTraces traces = new TestTraces();
    private final String tenant = TestTraces.tenant("content");
    private final String otherTenant = TestTraces.tenant("content-other");
    private final String token = ApiToken.newSecret();
    private final Instant storedAt = Instant.now().minus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    /** A day after which the stored day is past content retention (and today's traces are not). */
    private final LocalDate later =
            LocalDate.ofInstant(storedAt, ZoneOffset.UTC).plusDays(DAYS + 1);

    @BeforeEach
    void admin() {
        QuarkusTransaction.requiringNew().run(() -> ApiToken.create(tenant, "it-admin", UserRole.ADMIN, token));
    }

    @AfterEach
    void close() {
        traces.close();
    }

    @Test
    void pastContentRetentionATraceKeepsItsMetadataAndLosesItsText() throws Exception {
        // Given a trace stored 20 days ago
        String id = store(tenant, "app-a");

        // When content retention (7 days) runs as of a day past it
        long expired = job.expire(later, DAYS);

        // Then the trace answers without its prompt, answer and reasoning, says when they expired, and keeps the rest
        assertThat(expired).isGreaterThanOrEqualTo(1);
        JsonPath trace = awaitExpired(id);
        assertThat(trace.getString("answer")).isNull();
        assertThat(trace.getString("reasoningText")).isNull();
        assertThat(trace.getList("request.messages")).isNull();
        assertThat(trace.getInt("request.params.maxOutputTokens")).isEqualTo(4000);
        assertThat(trace.getInt("usage.reasoningTokens")).isEqualTo(1000);
        assertThat(trace.getDouble("costUsd")).isEqualTo(0.01);
        assertThat(trace.getString("app")).isEqualTo("app-a");
        assertThat(trace.getString("finishReason")).isEqualTo("stop");
        // and a search by a word of its text no longer finds it, while a search by its metadata does
        assertThat(search("q=northern")).doesNotContain(id);
        assertThat(search("app=app-a")).contains(id);
    }

    @Test
    void theConsoleSaysWhenTheTextExpired() throws Exception {
        // Given a trace whose text expired, and a reviewer of its tenant signed in to the console
        String id = store(tenant, "app-a");
        job.expire(later, DAYS);
        awaitExpired(id);
        String reviewer = "content-reviewer-" + UUID.randomUUID().toString().substring(0, 8);
        QuarkusTransaction.requiringNew()
                .run(() -> User.create(tenant, reviewer, "a-long-password-1", UserRole.REVIEWER));
        ConsoleSession session = ConsoleSession.signIn(consolePort, reviewer, "a-long-password-1");

        // When the reviewer opens the trace page
        String page = given().port(consolePort)
                .cookie(ConsoleSession.SESSION, session.sessionCookie())
                .get("/traces/{id}", id)
                .then()
                .statusCode(200)
                .extract()
                .asString();

        // Then it says when the text expired instead of showing an empty answer
        String day = LocalDate.ofInstant(Instant.now(), ZoneOffset.UTC).toString();
        assertThat(page).contains("Text expired on " + day).doesNotContain("Take the northern trail");
    }

    @Test
    void holdsOnATraceAFindingAndAnAppKeepTextUntilReleased() throws Exception {
        // Given five traces of the tenant stored 20 days ago, one of another tenant in an app of the same name,
        String plain = store(tenant, "app-a");
        String heldTrace = store(tenant, "app-a");
        String ofFinding = store(tenant, "app-a");
        String ofApp = store(tenant, "held-app");
        String otherTenantsApp = store(otherTenant, "held-app");
        String findingId = finding(tenant, ofFinding);
        // and holds on one trace, on a finding of another and on an app, placed by the tenant's admin
        String traceHold = place("trace", heldTrace);
        place("finding", findingId);
        place("app", "held-app");

        // When content retention runs as of a day past it
        job.expire(later, DAYS);

        // Then the held traces keep their text, the others (the other tenant's app of that name too) lose it
        awaitExpired(plain);
        awaitExpiredIn(otherTenant, otherTenantsApp);
        for (String held : List.of(heldTrace, ofFinding, ofApp)) {
            JsonPath trace = get(held);
            assertThat(trace.getString("answer")).as(held).isEqualTo("Take the northern trail along the river");
            assertThat(trace.getString("contentExpiredAt")).as(held).isNull();
        }
        // and each hold is in the audit log
        assertThat(as().get("/api/v1/audit?action=hold.").jsonPath().getList("items.action"))
                .containsOnly("hold.place")
                .hasSize(3);

        // When the trace hold is released and retention runs again
        as().post("/api/v1/holds/{id}/release", traceHold).then().statusCode(200);
        job.expire(later, DAYS);

        // Then that trace loses its text too, the release is audited, and the other holds still keep theirs
        awaitExpired(heldTrace);
        assertThat(get(ofFinding).getString("answer")).isNotNull();
        assertThat(as().get("/api/v1/audit?action=hold.release").jsonPath().getList("items.targetId"))
                .containsExactly(traceHold);
    }

    @Test
    void aHoldNeedsAKnownTargetOfTheCallersTenantAndAReason() {
        // Given a trace of another tenant
        String foreign = store(otherTenant, "app-a");

        // When the admin asks to hold it, to hold without a reason and to hold an unknown kind
        // Then: not found (it is not theirs), and clear errors naming the fields
        as().contentType("application/json")
                .body("{\"kind\":\"trace\",\"target\":\"" + foreign + "\",\"reason\":\"case 1\"}")
                .post("/api/v1/holds")
                .then()
                .statusCode(404);
        JsonPath invalid = as().contentType("application/json")
                .body("{\"kind\":\"everything\",\"target\":\"x\"}")
                .post("/api/v1/holds")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath();
        assertThat(invalid.getList("details", String.class))
                .anyMatch(d -> d.startsWith("kind:"))
                .anyMatch(d -> d.startsWith("reason:"));
    }

    private String store(String ofTenant, String app) {
        String id = UUID.randomUUID().toString();
        try {
            traces.publish(List.of(TestTraces.trace(ofTenant, id, storedAt).put("app", app)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> new TraceSearch(client).byId(ofTenant, id).isPresent());
        return id;
    }

    private static String finding(String ofTenant, String traceId) {
        String findingId = "content-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            ReviewItem item = new ReviewItem();
            item.findingId = findingId;
            item.tenant = ofTenant;
            item.ruleId = "rule-1";
            item.kind = RuleKind.BUDGET_EXHAUSTED;
            item.severity = Severity.WARNING;
            item.app = "app-a";
            item.firstSeenAt = Instant.now();
            item.lastSeenAt = Instant.now();
            item.matchCount = 1;
            item.finding = "{\"findingId\":\"" + findingId + "\",\"traceIds\":[\"" + traceId + "\"]}";
            item.state = FindingState.OPEN;
            item.createdAt = Instant.now();
            item.updatedAt = Instant.now();
            item.persist();
        });
        return findingId;
    }

    private String place(String kind, String target) {
        return as().contentType("application/json")
                .body("{\"kind\":\"" + kind + "\",\"target\":\"" + target + "\",\"reason\":\"case 2026-17\"}")
                .post("/api/v1/holds")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private RequestSpecification as() {
        return given().port(consolePort).auth().oauth2(token);
    }

    private JsonPath get(String id) {
        return as().get("/api/v1/traces/{id}", id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private List<String> search(String query) {
        return as().get("/api/v1/traces?" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.traceId");
    }

    private JsonPath awaitExpired(String id) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> get(id), t -> t.getString("contentExpiredAt") != null);
    }

    private void awaitExpiredIn(String ofTenant, String id) {
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> new TraceSearch(client)
                        .byId(ofTenant, id)
                        .map(t -> t.has("contentExpiredAt") && !t.has("answer"))
                        .orElse(false));
    }
}
