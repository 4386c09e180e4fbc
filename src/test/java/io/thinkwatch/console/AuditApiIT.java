package io.thinkwatch.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Changes made through the API land in the audit log, page by page, and a changed row breaks the chain. */
@QuarkusTest
class AuditApiIT {

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    @ConfigProperty(name = "thinkwatch.admin.token")
    String adminToken;

    @Inject
    EntityManager em;

    @Test
    void ruleChangesAreRecordedWithWhoAndWhat() {
        // Given a rule created, changed and deleted through the API
        String name = "Audited " + UUID.randomUUID();
        long id = given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"kind\":\"latency_above\",\"params\":{\"thresholdMs\":60000}}")
                .post("/api/v1/rules")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"kind\":\"latency_above\",\"params\":{\"thresholdMs\":60000},"
                        + "\"enabled\":false}")
                .put("/api/v1/rules/{id}", id)
                .then()
                .statusCode(200);
        given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .delete("/api/v1/rules/{id}", id)
                .then()
                .statusCode(204);

        // When the audit log is asked for that rule
        JsonPath log = audit("targetType=rule&targetId=" + id);

        // Then it lists the three changes, newest first, with the actor and the rule's name
        assertThat(log.getList("items.action")).containsExactly("rule.delete", "rule.disable", "rule.create");
        assertThat(log.getList("items.detail.name")).containsOnly(name);
        assertThat(log.getList("items.actor", String.class))
                .allSatisfy(a -> assertThat(a).isNotBlank());
        assertThat(log.getList("items.seq", Long.class)).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(verify().getBoolean("valid")).isTrue();
    }

    @Test
    void pagesFollowTheNextCursor() {
        // Given at least three entries
        for (int i = 0; i < 3; i++) {
            given().port(consolePort)
                    .auth()
                    .oauth2(adminToken)
                    .contentType(ContentType.JSON)
                    .body("{\"name\":\"Paged " + UUID.randomUUID() + "\",\"kind\":\"budget_exhausted\"}")
                    .post("/api/v1/rules")
                    .then()
                    .statusCode(201);
        }
        // When read two at a time
        JsonPath first = audit("size=2");
        long next = first.getLong("next");
        JsonPath second = audit("size=2&before=" + next);

        // Then the second page continues below the first, without overlap
        List<Long> firstSeqs = first.getList("items.seq", Long.class);
        List<Long> secondSeqs = second.getList("items.seq", Long.class);
        assertThat(firstSeqs).hasSize(2);
        assertThat(next).isEqualTo(firstSeqs.get(1));
        assertThat(secondSeqs).isNotEmpty().allSatisfy(s -> assertThat(s).isLessThan(next));
    }

    @Test
    void badFiltersAreNamed() {
        given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .get("/api/v1/audit?size=0&from=yesterday&actr=x")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath()
                .getList("details", String.class)
                .forEach(d -> assertThat(d).matches("(size|from|actr): .*"));
    }

    @Test
    void aChangedEntryIsReportedAsTheFirstBrokenOne() {
        // Given an entry in the middle of the chain (restored afterwards, other tests share the tenant)
        given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Tamper target " + UUID.randomUUID() + "\",\"kind\":\"budget_exhausted\"}")
                .post("/api/v1/rules")
                .then()
                .statusCode(201);
        JsonPath latest = audit("size=1&action=rule.create");
        long seq = latest.getLong("items[0].seq");
        String original = QuarkusTransaction.requiringNew()
                .call(() -> (String)
                        em.createNativeQuery("select detail from audit_entry where tenant = 'default' and seq = ?1")
                                .setParameter(1, seq)
                                .getSingleResult());
        try {
            // When someone edits it in the database
            QuarkusTransaction.requiringNew()
                    .run(() -> em.createNativeQuery(
                                    "update audit_entry set detail = ?1 where tenant = 'default' and seq = ?2")
                            .setParameter(1, original.replace("budget_exhausted", "latency_above"))
                            .setParameter(2, seq)
                            .executeUpdate());

            // Then the verification names that entry
            JsonPath result = verify();
            assertThat(result.getBoolean("valid")).isFalse();
            assertThat(result.getLong("firstBroken.seq")).isEqualTo(seq);
            assertThat(result.getString("firstBroken.reason")).contains("changed");
            assertThat(result.getString("firstBroken.kind")).isEqualTo("edited");
            assertThat(result.getLong("entries")).isEqualTo(seq - 1);
        } finally {
            QuarkusTransaction.requiringNew()
                    .run(() -> em.createNativeQuery(
                                    "update audit_entry set detail = ?1 where tenant = 'default' and seq = ?2")
                            .setParameter(1, original)
                            .setParameter(2, seq)
                            .executeUpdate());
        }
        assertThat(verify().getBoolean("valid")).isTrue();
    }

    @Test
    void checkpointsAreListedAndTheVerificationComparesTheChainWithTheLatest() {
        // Given a change audited, and the checkpoint round that follows it (every 2 s in tests)
        given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Checkpointed " + UUID.randomUUID() + "\",\"kind\":\"budget_exhausted\"}")
                .post("/api/v1/rules")
                .then()
                .statusCode(201);
        long seq = audit("size=1").getLong("items[0].seq");
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        checkpoints().getList("items.seq", Long.class).stream().anyMatch(s -> s >= seq));

        // When the checkpoints are listed and the chain verified
        JsonPath listed = checkpoints();
        JsonPath result = verify();

        // Then the newest checkpoint names an entry, its hash and key, and the verification compared with it
        assertThat(listed.getList("items.seq", Long.class)).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(listed.getString("items[0].hash")).hasSize(64);
        assertThat(listed.getString("items[0].keyId")).isNotBlank();
        assertThat(listed.getString("items[0].at")).isNotBlank();
        assertThat(result.getBoolean("valid")).isTrue();
        assertThat(result.getLong("checkpoint.seq")).isGreaterThanOrEqualTo(listed.getLong("items[0].seq"));
        assertThat(result.getBoolean("checkpoint.matches")).isTrue();
        assertThat(audit("size=1").getString("items[0].keyId")).isEqualTo(listed.getString("items[0].keyId"));
    }

    private JsonPath checkpoints() {
        return given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .get("/api/v1/audit/checkpoints")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private JsonPath audit(String query) {
        return given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .get("/api/v1/audit?" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private JsonPath verify() {
        return given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .get("/api/v1/audit/verify")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
