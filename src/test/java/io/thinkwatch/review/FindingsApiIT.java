package io.thinkwatch.review;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import io.thinkwatch.model.Finding;
import io.thinkwatch.model.FindingIds;
import io.thinkwatch.model.RuleKind;
import io.thinkwatch.model.Severity;
import io.thinkwatch.model.Unit;
import io.thinkwatch.platform.Topics;
import io.thinkwatch.rules.TestKafka;
import io.thinkwatch.security.ApiToken;
import io.thinkwatch.security.UserRole;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The review queue against real Kafka and PostgreSQL: filing, upserts, queries, workflow, tenants. */
@QuarkusTest
class FindingsApiIT {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ReviewService store;

    @Inject
    ObjectMapper mapper;

    private String tenant;
    private String reviewer;
    private String viewer;
    private final Instant window = Instant.parse("2025-03-04T10:00:00Z");

    @BeforeEach
    void tenant() {
        tenant = "review-it-" + UUID.randomUUID();
        reviewer = ApiToken.newSecret();
        viewer = ApiToken.newSecret();
        QuarkusTransaction.requiringNew().run(() -> {
            ApiToken.create(tenant, "rita", UserRole.REVIEWER, reviewer);
            ApiToken.create(tenant, "victor", UserRole.VIEWER, viewer);
        });
    }

    private Finding finding(String rule, String group, Severity severity, long count, int minute) {
        Instant seen = window.plusSeconds(60L * minute);
        List<String> traces = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            traces.add("trace-" + group + "-" + i);
        }
        return new Finding(
                FindingIds.of(rule, tenant + group, window),
                tenant,
                rule,
                "rule " + rule,
                RuleKind.BUDGET_EXHAUSTED,
                severity,
                "app=" + group,
                window,
                window.plusSeconds(3600),
                seen,
                seen,
                count,
                traces,
                group,
                "o3",
                4000.0,
                4000.0,
                Unit.TOKENS,
                4000L * count,
                4000L,
                null,
                "output budget exhausted",
                List.of());
    }

    private void file(Finding... findings) {
        QuarkusTransaction.requiringNew().run(() -> List.of(findings).forEach(store::upsert));
    }

    private RequestSpecification as(String token) {
        return given().port(port).auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void findingOnTheTopicBecomesAnOpenReviewItemOnce() throws Exception {
        // Given a finding published three times as the engine would: counts 1, 2 and a replay of 1
        Finding first = finding("1", "checkout", Severity.CRITICAL, 1, 5);
        Finding second = finding("1", "checkout", Severity.CRITICAL, 2, 9);
        try (TestKafka kafka = new TestKafka(bootstrap)) {
            for (Finding f : List.of(first, second, first)) {
                kafka.send(Topics.FINDINGS, f.findingId(), mapper.writeValueAsString(f));
            }
        }

        // When the review queue has read them
        // Then there is one open item with the highest count and a history that says it was opened
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> as(viewer)
                        .get("/api/v1/findings/{id}", first.findingId())
                        .then()
                        .statusCode(200)
                        .body("count", is(2))
                        .body("state", equalTo("open"))
                        .body("severity", equalTo("critical"))
                        .body("traceIds", hasSize(2))
                        .body("history.action", contains("opened")));
    }

    @Test
    void queueFiltersAndPagesWithoutGapsOrRepeats() {
        // Given five findings of two severities
        file(
                finding("1", "a", Severity.CRITICAL, 1, 1),
                finding("1", "b", Severity.WARNING, 1, 2),
                finding("1", "c", Severity.CRITICAL, 1, 3),
                finding("2", "d", Severity.CRITICAL, 1, 4),
                finding("2", "e", Severity.INFO, 1, 5));

        // When critical findings are read two at a time
        var page1 = as(viewer)
                .get("/api/v1/findings?severity=critical&size=2")
                .then()
                .statusCode(200)
                .body("total", is(3))
                .body("items.app", contains("d", "c"))
                .extract();
        String next = page1.path("next");

        // Then the second page holds the last one and no further cursor
        as(viewer)
                .get("/api/v1/findings?severity=critical&size=2&after=" + next)
                .then()
                .statusCode(200)
                .body("items.app", contains("a"))
                .body("next", nullValue());
        as(viewer).get("/api/v1/findings?rule=2").then().body("items.app", contains("e", "d"));
    }

    @Test
    void queueFiltersByAssigneeAndByNobody() {
        // Given three findings: one assigned to anna, one to ben, one to nobody
        Finding anna = finding("5", "anna", Severity.WARNING, 1, 1);
        Finding ben = finding("5", "ben", Severity.WARNING, 1, 2);
        Finding nobody = finding("5", "nobody", Severity.WARNING, 1, 3);
        file(anna, ben, nobody);
        as(reviewer)
                .body("{\"assignee\":\"anna\"}")
                .post("/api/v1/findings/{id}/assign", anna.findingId())
                .then()
                .statusCode(200);
        as(reviewer)
                .body("{\"assignee\":\"ben\"}")
                .post("/api/v1/findings/{id}/assign", ben.findingId())
                .then()
                .statusCode(200);

        // When the queue is read by assignee, and for nobody
        // Then each holds its own
        as(viewer).get("/api/v1/findings?assignee=anna").then().statusCode(200).body("items.app", contains("anna"));
        as(viewer)
                .get("/api/v1/findings?unassigned=true")
                .then()
                .statusCode(200)
                .body("items.app", contains("nobody"));
        as(viewer)
                .get("/api/v1/findings?unassigned=true&assignee=anna")
                .then()
                .statusCode(400)
                .body("details", contains("unassigned: cannot be combined with assignee"));
    }

    @Test
    void badQueryNamesTheParameter() {
        // Given a viewer
        // When they ask with an unknown state and an oversized page
        // Then the 400 names both
        as(viewer)
                .get("/api/v1/findings?state=closed&size=9000")
                .then()
                .statusCode(400)
                .body(
                        "details",
                        contains(
                                "state: 'closed' is not one of open, acknowledged, confirmed, resolved, false_positive",
                                "size: must be from 1 to 500"));
    }

    @Test
    void reviewerWorksAFindingAndEveryStepIsInTheHistory() {
        // Given an open finding
        Finding f = finding("3", "search", Severity.WARNING, 1, 7);
        file(f);

        // When a reviewer assigns, acknowledges, resolves and reopens it
        as(reviewer)
                .body("{\"assignee\":\"oncall-anna\"}")
                .post("/api/v1/findings/{id}/assign", f.findingId())
                .then()
                .statusCode(200)
                .body("assignee", equalTo("oncall-anna"));
        as(reviewer)
                .body("{\"state\":\"acknowledged\",\"note\":\"looking\"}")
                .post("/api/v1/findings/{id}/transition", f.findingId())
                .then()
                .statusCode(200);
        as(reviewer)
                .body("{\"state\":\"resolved\",\"note\":\"raised max_output_tokens\"}")
                .post("/api/v1/findings/{id}/transition", f.findingId())
                .then()
                .statusCode(200);
        as(reviewer)
                .body("{\"state\":\"open\"}")
                .post("/api/v1/findings/{id}/transition", f.findingId())
                .then()
                .statusCode(200);

        // Then the history lists who did what, in order
        as(viewer)
                .get("/api/v1/findings/{id}", f.findingId())
                .then()
                .statusCode(200)
                .body("state", equalTo("open"))
                .body("history.action", contains("opened", "assign", "transition", "transition", "transition"))
                .body("history.actor", contains("thinkwatch", "token:rita", "token:rita", "token:rita", "token:rita"))
                .body("history[3].to", equalTo("resolved"))
                .body("history[3].note", equalTo("raised max_output_tokens"));
    }

    @Test
    void resolvedFindingCannotBeAcknowledged() {
        // Given a resolved finding
        Finding f = finding("4", "x", Severity.INFO, 1, 8);
        file(f);
        as(reviewer)
                .body("{\"state\":\"resolved\"}")
                .post("/api/v1/findings/{id}/transition", f.findingId())
                .then()
                .statusCode(200);

        // When a reviewer acknowledges it
        // Then the transition is refused; reopening is the way back
        as(reviewer)
                .body("{\"state\":\"acknowledged\"}")
                .post("/api/v1/findings/{id}/transition", f.findingId())
                .then()
                .statusCode(409)
                .body("error", equalTo("invalid_transition"));
    }

    @Test
    void viewerCannotTransition() {
        // Given an open finding
        Finding f = finding("5", "y", Severity.INFO, 1, 9);
        file(f);

        // When a viewer tries to resolve it
        // Then it is forbidden
        as(viewer)
                .body("{\"state\":\"resolved\"}")
                .post("/api/v1/findings/{id}/transition", f.findingId())
                .then()
                .statusCode(403);
    }

    @Test
    void aRecordWithoutFindingIdIsSkippedAndTheFindingsAfterItAreFiled() throws Exception {
        // Given a record on the findings topic that reads as a finding but has no id, then a real finding
        Finding after = finding("7", "checkout", Severity.WARNING, 1, 11);
        try (TestKafka kafka = new TestKafka(bootstrap)) {
            kafka.send(Topics.FINDINGS, "no-id", "{\"tenant\":\"x\",\"count\":1}");
            kafka.send(Topics.FINDINGS, after.findingId(), mapper.writeValueAsString(after));
        }

        // When the review queue reads them
        // Then the incomplete one does not stall it: the finding after it becomes a review item
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> as(viewer)
                        .get("/api/v1/findings/{id}", after.findingId())
                        .then()
                        .statusCode(200)
                        .body("state", equalTo("open")));
    }

    @Test
    void findingOfAnotherTenantIsNotFound() {
        // Given a finding of this tenant
        Finding f = finding("6", "z", Severity.INFO, 1, 10);
        file(f);

        // When the default tenant's admin reads or transitions it
        // Then it does not exist for them
        given().port(port)
                .auth()
                .oauth2("it-admin-token")
                .get("/api/v1/findings/{id}", f.findingId())
                .then()
                .statusCode(404);
        given().port(port)
                .auth()
                .oauth2("it-admin-token")
                .contentType(ContentType.JSON)
                .body("{\"state\":\"resolved\"}")
                .post("/api/v1/findings/{id}/transition", f.findingId())
                .then()
                .statusCode(404);
    }
}
