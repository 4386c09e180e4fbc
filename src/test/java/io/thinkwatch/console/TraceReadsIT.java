package io.thinkwatch.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

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

/**
 * Every answer of the REST API that shows captured text is one {@code trace.read} audit entry naming the traces and
 * fields; a viewer's reads are none; admins ask who read a trace and what a person read, within their tenant.
 */
@QuarkusTest
class TraceReadsIT {

    private static SearchFixture fixture;
    private static String admin;

    @Inject
    OpenSearchClient client;

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    /** An API token of the fixture's tenant, and the actor its calls are audited as. */
    record Who(String token, String actor) {}

    @BeforeEach
    void traces() throws Exception {
        if (fixture == null) {
            fixture = SearchFixture.publish("reads", client);
            admin = token(fixture.tenant, UserRole.ADMIN).token();
        }
    }

    private static Who token(String tenant, UserRole role) {
        String name = role.wire() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = ApiToken.newSecret();
        QuarkusTransaction.requiringNew().run(() -> ApiToken.create(tenant, name, role, secret));
        return new Who(secret, "token:" + name);
    }

    private io.restassured.response.Response get(Who who, String path) {
        return given().port(consolePort).auth().oauth2(who.token()).get(path);
    }

    private JsonPath asAdmin(String path) {
        return given().port(consolePort)
                .auth()
                .oauth2(admin)
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The trace.read entries of one actor, newest first. */
    private JsonPath readEntries(Who who) {
        return asAdmin("/api/v1/audit?action=trace.read&actor=" + who.actor());
    }

    @Test
    void traceDetailIsOneReadOfTheTraceAndItsTextFields() {
        // Given a reviewer
        Who reviewer = token(fixture.tenant, UserRole.REVIEWER);
        String id = SearchFixture.id(fixture.tenant, 5);

        // When they read one trace
        get(reviewer, "/api/v1/traces/" + id).then().statusCode(200);

        // Then one entry names that trace and its prompt, answer and reasoning as the fields read
        JsonPath entries = readEntries(reviewer);
        assertThat(entries.getList("items")).hasSize(1);
        assertThat(entries.getString("items[0].targetId")).isEqualTo(id);
        assertThat(entries.getList("items[0].detail.traceIds")).containsExactly(id);
        assertThat(entries.getList("items[0].detail.fields", String.class))
                .contains("answer", "reasoningText", "request.messages");
        assertThat(entries.getString("items[0].detail.via")).isEqualTo("api.trace");
    }

    @Test
    void searchPageOfManyTracesIsOneEntry() {
        // Given a reviewer
        Who reviewer = token(fixture.tenant, UserRole.REVIEWER);

        // When they list the twelve traces of app-a, whose answers the page carries
        get(reviewer, "/api/v1/traces?app=app-a&size=50").then().statusCode(200);

        // Then one entry lists all twelve, and each is a read of its own under that entry
        JsonPath entries = readEntries(reviewer);
        assertThat(entries.getList("items")).hasSize(1);
        assertThat(entries.getList("items[0].detail.traceIds", String.class))
                .containsExactlyInAnyOrderElementsOf(fixture.ids(i -> i % 2 == 0));
        JsonPath reads = asAdmin("/api/v1/audit/reads?actor=" + reviewer.actor());
        assertThat(reads.getList("items.traceId", String.class))
                .containsExactlyInAnyOrderElementsOf(fixture.ids(i -> i % 2 == 0));
        assertThat(reads.getList("items.seq", Long.class)).containsOnly(entries.getLong("items[0].seq"));
    }

    @Test
    void textSearchKeepsTheQueryAsItsHashWithTheMatchCount() {
        // Given a reviewer
        Who reviewer = token(fixture.tenant, UserRole.REVIEWER);

        // When they search the word in the answer of one trace, the reasoning of another and the prompt of a third
        get(reviewer, "/api/v1/traces?q=zeppelin").then().statusCode(200);

        // Then the entry has the three traces, the query's SHA-256 and length and the count: never the word itself
        JsonPath entries = readEntries(reviewer);
        assertThat(entries.getList("items")).hasSize(1);
        assertThat(entries.getMap("items[0].detail.query"))
                .containsEntry("sha256", ApiToken.hash("zeppelin"))
                .containsEntry("length", 8);
        assertThat(entries.getLong("items[0].detail.matched")).isEqualTo(3);
        assertThat(entries.getList("items[0].detail.traceIds", String.class))
                .containsExactlyInAnyOrderElementsOf(fixture.ids(i -> i == 5 || i == 7 || i == 9));
        assertThat(asAdmin("/api/v1/audit?actor=" + reviewer.actor()).prettify())
                .doesNotContain("zeppelin");
    }

    @Test
    void viewersReadsOfMetadataAreNotTextReads() {
        // Given a viewer
        Who viewer = token(fixture.tenant, UserRole.VIEWER);

        // When they read a trace and list traces (metadata only)
        get(viewer, "/api/v1/traces/" + SearchFixture.id(fixture.tenant, 5))
                .then()
                .statusCode(200);
        get(viewer, "/api/v1/traces?app=app-a").then().statusCode(200);

        // Then no read of captured text is recorded for them
        assertThat(readEntries(viewer).getList("items")).isEmpty();
        assertThat(asAdmin("/api/v1/audit/reads?actor=" + viewer.actor()).getList("items"))
                .isEmpty();
    }

    @Test
    void whoReadATraceAndWhatAPersonReadInAWindow() {
        // Given two reviewers who read trace 3, the second also trace 4, within a window
        Who first = token(fixture.tenant, UserRole.REVIEWER);
        Who second = token(fixture.tenant, UserRole.REVIEWER);
        String three = SearchFixture.id(fixture.tenant, 3);
        String four = SearchFixture.id(fixture.tenant, 4);
        Instant start = Instant.now().minusSeconds(1);
        get(first, "/api/v1/traces/" + three).then().statusCode(200);
        get(second, "/api/v1/traces/" + three).then().statusCode(200);
        get(second, "/api/v1/traces/" + four).then().statusCode(200);
        Instant end = Instant.now().plusSeconds(1);

        // When an admin asks who read trace 3, what the second read in the window, and before it
        JsonPath whoRead = asAdmin("/api/v1/audit/reads?traceId=" + three);
        JsonPath whatRead = asAdmin("/api/v1/audit/reads?actor=" + second.actor() + "&from=" + start + "&to=" + end);
        JsonPath before = asAdmin("/api/v1/audit/reads?actor=" + second.actor() + "&to=" + start);

        // Then both reviewers read trace 3, the second read 4 then 3 in the window, and nothing before it
        assertThat(whoRead.getList("items.actor", String.class)).contains(first.actor(), second.actor());
        assertThat(whatRead.getList("items.traceId", String.class)).containsExactly(four, three);
        assertThat(whatRead.getList("items.action", String.class)).containsOnly("trace.read");
        assertThat(whatRead.getList("items[0].fields", String.class)).contains("answer");
        assertThat(before.getList("items")).isEmpty();
    }

    @Test
    void readsArePagedNewestFirst() {
        // Given a reviewer who listed twelve traces
        Who reviewer = token(fixture.tenant, UserRole.REVIEWER);
        get(reviewer, "/api/v1/traces?app=app-a").then().statusCode(200);

        // When their reads are asked five at a time
        JsonPath first = asAdmin("/api/v1/audit/reads?size=5&actor=" + reviewer.actor());
        JsonPath second =
                asAdmin("/api/v1/audit/reads?size=5&actor=" + reviewer.actor() + "&before=" + first.getString("next"));
        JsonPath third =
                asAdmin("/api/v1/audit/reads?size=5&actor=" + reviewer.actor() + "&before=" + second.getString("next"));

        // Then the pages hold all twelve once each
        List<String> all = new java.util.ArrayList<>(first.getList("items.traceId", String.class));
        all.addAll(second.getList("items.traceId", String.class));
        all.addAll(third.getList("items.traceId", String.class));
        assertThat(all).containsExactlyInAnyOrderElementsOf(fixture.ids(i -> i % 2 == 0));
        assertThat(third.getString("next")).isNull();
    }

    @Test
    void anotherTenantsAdminSeesNoneOfTheReads() {
        // Given a reviewer's read of trace 6, and an admin of another tenant
        Who reviewer = token(fixture.tenant, UserRole.REVIEWER);
        String six = SearchFixture.id(fixture.tenant, 6);
        get(reviewer, "/api/v1/traces/" + six).then().statusCode(200);
        Who other = token("reads-other-" + UUID.randomUUID().toString().substring(0, 8), UserRole.ADMIN);

        // When the other admin asks who read it, and what the reviewer read
        JsonPath whoRead = get(other, "/api/v1/audit/reads?traceId=" + six)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        JsonPath whatRead = get(other, "/api/v1/audit/reads?actor=" + reviewer.actor())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        // Then both answers are empty
        assertThat(whoRead.getList("items")).isEmpty();
        assertThat(whatRead.getList("items")).isEmpty();
    }

    @Test
    void onlyAdminsAskAndAQuestionNamesATraceOrAPerson() {
        // Given a reviewer
        Who reviewer = token(fixture.tenant, UserRole.REVIEWER);

        // When the reviewer asks, and the admin asks without naming a trace or person
        int reviewerStatus = get(reviewer, "/api/v1/audit/reads?traceId=x").statusCode();
        JsonPath refused = given().port(consolePort)
                .auth()
                .oauth2(admin)
                .get("/api/v1/audit/reads?from=2026-01-01T00:00:00Z")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath();

        // Then the reviewer is forbidden and the admin is told what is missing
        assertThat(reviewerStatus).isEqualTo(403);
        assertThat(refused.getList("details", String.class))
                .singleElement()
                .asString()
                .startsWith("traceId:");
    }
}
