package io.thinkwatch.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.thinkwatch.security.ApiToken;
import io.thinkwatch.security.UserRole;
import io.thinkwatch.testing.TestTraces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/v1/traces/export}: NDJSON of every trace the search's filters match, read page by page, with the
 * viewer rules of the search, audited as {@code trace.export} and, with text, as reads of each exported trace.
 */
@QuarkusTest
class TraceExportIT {

    private static SearchFixture fixture;
    private static String admin;
    private static String bigTenant;
    private static Instant bigBase;

    @Inject
    OpenSearchClient client;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    record Who(String token, String actor) {}

    @BeforeEach
    void traces() throws Exception {
        if (fixture == null) {
            fixture = SearchFixture.publish("export", client);
            admin = token(fixture.tenant, UserRole.ADMIN).token();
        }
    }

    private static Who token(String tenant, UserRole role) {
        String name = role.wire() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = ApiToken.newSecret();
        QuarkusTransaction.requiringNew().run(() -> ApiToken.create(tenant, name, role, secret));
        return new Who(secret, "token:" + name);
    }

    private Response export(Who who, String query) {
        return given().port(consolePort).auth().oauth2(who.token()).get("/api/v1/traces/export?" + query);
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

    private static List<JsonNode> lines(Response response) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : response.asString().split("\n", -1)) {
            if (!line.isEmpty()) {
                lines.add(TestTraces.JSON.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void reviewerExportsEveryMatchingTraceAsNdjsonWithItsText() throws Exception {
        // Given a reviewer
        Who reviewer = token(fixture.tenant, UserRole.REVIEWER);

        // When they export app-b's traces oldest first
        Response response = export(reviewer, "app=app-b&sort=startedAt");

        // Then the twelve come one JSON trace per line, whole with prompt and answer, in order of start
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/x-ndjson");
        List<JsonNode> lines = lines(response);
        assertThat(lines)
                .extracting(l -> l.path("traceId").asText())
                .containsExactlyInAnyOrderElementsOf(fixture.ids(i -> i % 2 == 1));
        assertThat(lines).extracting(l -> l.path("startedAt").asText()).isSorted();
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.has("answer")).isTrue();
            assertThat(l.path("request").has("messages")).isTrue();
            assertThat(l.has("requestText")).isFalse();
        });
    }

    @Test
    void contentExportIsAuditedOnceAndCountsAsAReadOfEachTrace() throws Exception {
        // Given a reviewer
        Who reviewer = token(fixture.tenant, UserRole.REVIEWER);

        // When they export app-b's traces
        lines(export(reviewer, "app=app-b"));

        // Then one trace.export entry holds the filters, that text was included and how many matched
        JsonPath entries = asAdmin("/api/v1/audit?action=trace.export&actor=" + reviewer.actor());
        assertThat(entries.getList("items")).hasSize(1);
        assertThat(entries.getString("items[0].detail.filters.app")).isEqualTo("app-b");
        assertThat(entries.getBoolean("items[0].detail.content")).isTrue();
        assertThat(entries.getLong("items[0].detail.matched")).isEqualTo(12);
        // And each exported trace is a read under that entry
        JsonPath reads = asAdmin("/api/v1/audit/reads?actor=" + reviewer.actor());
        assertThat(reads.getList("items.traceId", String.class))
                .containsExactlyInAnyOrderElementsOf(fixture.ids(i -> i % 2 == 1));
        assertThat(reads.getList("items.action", String.class)).containsOnly("trace.export");
        assertThat(reads.getList("items.seq", Long.class)).containsOnly(entries.getLong("items[0].seq"));
    }

    @Test
    void viewerExportsMetadataOnlyAndReadsNoText() throws Exception {
        // Given a viewer
        Who viewer = token(fixture.tenant, UserRole.VIEWER);

        // When they export app-b's traces
        List<JsonNode> lines = lines(export(viewer, "app=app-b"));

        // Then every trace is there with its numbers and none of its text
        assertThat(lines).hasSize(12).allSatisfy(l -> {
            assertThat(l.path("usage").has("reasoningTokens")).isTrue();
            assertThat(l.has("answer")
                            || l.has("reasoningText")
                            || l.path("request").has("messages"))
                    .isFalse();
        });
        // And the export is audited as one without text, with no read of captured text
        JsonPath entries = asAdmin("/api/v1/audit?action=trace.export&actor=" + viewer.actor());
        assertThat(entries.getBoolean("items[0].detail.content")).isFalse();
        assertThat(asAdmin("/api/v1/audit/reads?actor=" + viewer.actor()).getList("items"))
                .isEmpty();
    }

    @Test
    void viewerMayNotExportByWordsAndPagesAreNotParameters() {
        // Given a viewer and a reviewer
        Who viewer = token(fixture.tenant, UserRole.VIEWER);
        Who reviewer = token(fixture.tenant, UserRole.REVIEWER);

        // When the viewer exports by a word, and the reviewer asks for a page size
        Response byWord = export(viewer, "q=zeppelin");
        Response sized = export(reviewer, "size=10");

        // Then the first is forbidden naming q, the second refused naming size
        assertThat(byWord.statusCode()).isEqualTo(403);
        assertThat(byWord.jsonPath().getString("details[0]")).startsWith("q:");
        assertThat(sized.statusCode()).isEqualTo(400);
        assertThat(sized.jsonPath().getString("details[0]")).startsWith("size:");
    }

    /**
     * 1,101 traces of a tenant of their own, started a millisecond apart from {@code bigBase}: one more than the
     * test profile's maximum of 1,100 (three OpenSearch pages of 500); published once.
     */
    private String bigTenant() throws Exception {
        if (bigTenant == null) {
            String tenant = TestTraces.tenant("export-big");
            Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(2, ChronoUnit.HOURS);
            List<ObjectNode> traces = new ArrayList<>();
            for (int i = 0; i < 1101; i++) {
                traces.add(TestTraces.trace(tenant, tenant + "-" + i, base.plusMillis(i)));
            }
            try (TestTraces publisher = new TestTraces()) {
                publisher.publish(traces);
            }
            TestTraces.awaitCount(client, tenant, traces.size(), Duration.ofMinutes(2));
            bigBase = base;
            bigTenant = tenant;
        }
        return bigTenant;
    }

    @Test
    void exportOfSeveralPagesSendsAndRecordsEveryTraceOnce() throws Exception {
        // Given the first 1,100 of a tenant's traces (the maximum), and a reviewer of the tenant
        String tenant = bigTenant();
        Who reviewer = token(tenant, UserRole.REVIEWER);

        // When they export them
        List<JsonNode> lines = lines(export(reviewer, "sort=startedAt&to=" + bigBase.plusMillis(1100)));

        // Then each trace came once, and each is recorded once as read by the export
        assertThat(lines)
                .extracting(l -> l.path("traceId").asText())
                .doesNotHaveDuplicates()
                .hasSize(1100);
        long recorded = QuarkusTransaction.requiringNew()
                .call(() ->
                        (Long) em.createQuery("select count(distinct r.traceId) from TraceRead r where r.tenant = ?1"
                                        + " and r.action = 'trace.export'")
                                .setParameter(1, tenant)
                                .getSingleResult());
        assertThat(recorded).isEqualTo(1100);
    }

    @Test
    void exportOfMoreThanTheMaximumIsRefusedBeforeItStarts() throws Exception {
        // Given 1,101 traces of a tenant, one more than the maximum, and a reviewer of the tenant
        String tenant = bigTenant();
        Who reviewer = token(tenant, UserRole.REVIEWER);

        // When they export them all
        Response response = export(reviewer, "sort=startedAt");

        // Then the export is refused with the count and the maximum, nothing sent and nothing recorded
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("details[0]")).contains("1101", "1100");
        long recorded = QuarkusTransaction.requiringNew()
                .call(() ->
                        (Long) em.createQuery("select count(e) from AuditEntry e where e.tenant = ?1 and e.actor = ?2")
                                .setParameter(1, tenant)
                                .setParameter(2, reviewer.actor())
                                .getSingleResult());
        assertThat(recorded).isZero();
    }
}
