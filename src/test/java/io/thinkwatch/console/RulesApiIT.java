package io.thinkwatch.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.thinkwatch.rules.RuleBook;
import io.thinkwatch.rules.RuleErrors;
import io.thinkwatch.security.ApiToken;
import io.thinkwatch.security.UserRole;

/** The rules API against real PostgreSQL: validation, tenants, roles, files, and the engine picking changes up. */
@QuarkusTest
class RulesApiIT {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    RuleErrors errors;

    @Inject
    RuleBook book;

    private String admin;
    private String viewer;

    @BeforeEach
    void tenant() {
        String tenant = "rules-api-" + UUID.randomUUID();
        admin = ApiToken.newSecret();
        viewer = ApiToken.newSecret();
        QuarkusTransaction.requiringNew().run(() -> {
            ApiToken.create(tenant, "admin", UserRole.ADMIN, admin);
            ApiToken.create(tenant, "viewer", UserRole.VIEWER, viewer);
        });
    }

    private RequestSpecification as(String token) {
        return given().port(port).auth().oauth2(token).contentType(ContentType.JSON);
    }

    private int create(String body) {
        return as(admin)
                .body(body)
                .post("/api/v1/rules")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void createdRuleReadsBackWithItsDefaults() {
        // Given an admin's minimal rule
        int id = create(
                "{\"name\":\"big reasoning\",\"kind\":\"reasoning_tokens_above\",\"params\":{\"threshold\":25000}}");

        // When it is read
        // Then the defaults are written out, and no error is counted
        as(viewer)
                .get("/api/v1/rules/{id}", id)
                .then()
                .statusCode(200)
                .body("name", equalTo("big reasoning"))
                .body("params.threshold", is(25000))
                .body("severity", equalTo("warning"))
                .body("groupBy", contains("app", "model"))
                .body("dedupWindow", equalTo("1h"))
                .body("enabled", is(true))
                .body("version", is(1))
                .body("errors.count", is(0));
    }

    @Test
    void patternThatDoesNotCompileIsA400NamingTheField() {
        // Given a content rule with a broken pattern
        // When an admin saves it
        // Then the answer names the field and the reason
        as(admin)
                .body("{\"name\":\"leak\",\"kind\":\"content_match\",\"params\":{\"pattern\":\"(sk-\"}}")
                .post("/api/v1/rules")
                .then()
                .statusCode(400)
                .body("error", equalTo("bad_request"))
                .body("message", containsString("params.pattern: does not compile"))
                .body("details[0]", containsString("params.pattern: does not compile"));
    }

    @Test
    void viewerCannotWriteRules() {
        // Given a viewer
        // When they try to create a rule
        // Then it is forbidden
        as(viewer)
                .body("{\"name\":\"x\",\"kind\":\"budget_exhausted\"}")
                .post("/api/v1/rules")
                .then()
                .statusCode(403)
                .body("error", equalTo("forbidden"));
    }

    @Test
    void ruleOfAnotherTenantDoesNotExistForThem() {
        // Given a rule of this tenant
        int id = create("{\"name\":\"mine\",\"kind\":\"budget_exhausted\"}");

        // When the first-start admin of the default tenant reads, changes or deletes it
        // Then it is not there for them
        given().port(port)
                .auth()
                .oauth2("it-admin-token")
                .get("/api/v1/rules/{id}", id)
                .then()
                .statusCode(404);
        given().port(port)
                .auth()
                .oauth2("it-admin-token")
                .delete("/api/v1/rules/{id}", id)
                .then()
                .statusCode(404);
    }

    @Test
    void updateRaisesTheVersionAndDeleteRemoves() {
        // Given a rule
        int id = create("{\"name\":\"slow\",\"kind\":\"latency_above\",\"params\":{\"thresholdMs\":60000}}");

        // When it is replaced, then deleted
        as(admin)
                .body("{\"name\":\"slow\",\"kind\":\"latency_above\",\"severity\":\"critical\","
                        + "\"params\":{\"thresholdMs\":90000}}")
                .put("/api/v1/rules/{id}", id)
                .then()
                .statusCode(200)
                .body("version", is(2))
                .body("severity", equalTo("critical"));
        as(admin).delete("/api/v1/rules/{id}", id).then().statusCode(204);

        // Then it is gone
        as(admin).get("/api/v1/rules/{id}", id).then().statusCode(404);
    }

    @Test
    void secondRuleWithTheSameNameIsAConflict() {
        // Given a rule named "dup"
        create("{\"name\":\"dup\",\"kind\":\"budget_exhausted\"}");

        // When another rule takes the name
        // Then it is refused
        as(admin)
                .body("{\"name\":\"dup\",\"kind\":\"usage_missing\"}")
                .post("/api/v1/rules")
                .then()
                .statusCode(409)
                .body("error", equalTo("conflict"));
    }

    @Test
    void yamlImportCreatesThenLeavesUnchangedAndExportsBack() {
        // Given a rule file in YAML, imported once
        String yaml = """
                rules:
                  - name: empty answers
                    kind: empty_answer_after_reasoning
                    severity: critical
                  - name: spend per user
                    kind: spend_window
                    groupBy: [app, userId]
                    params: {metric: reasoning_tokens, window: 1h, budget: 2000000}
                """;
        given().port(port)
                .auth()
                .oauth2(admin)
                .contentType("application/yaml")
                .body(yaml.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/rules/import")
                .then()
                .statusCode(200)
                .body("created", is(2));

        // When it is imported again
        // Then nothing changes, and the export holds both rules
        given().port(port)
                .auth()
                .oauth2(admin)
                .contentType("application/yaml")
                .body(yaml.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/rules/import")
                .then()
                .statusCode(200)
                .body("created", is(0))
                .body("unchanged", is(2));
        String exported = as(viewer)
                .get("/api/v1/rules/export?format=yaml")
                .then()
                .statusCode(200)
                .contentType(containsString("application/yaml"))
                .extract()
                .asString();
        assertThat(exported).contains("name: empty answers", "kind: spend_window", "dedupWindow: 1h");
    }

    @Test
    void importWithOneBadRuleChangesNothing() {
        // Given a file whose second rule is invalid
        String json = "{\"rules\":[{\"name\":\"ok\",\"kind\":\"budget_exhausted\"},"
                + "{\"name\":\"bad\",\"kind\":\"cost_above\",\"params\":{\"thresholdUsd\":-1}}]}";

        // When it is imported
        as(admin)
                .body(json)
                .post("/api/v1/rules/import")
                .then()
                .statusCode(400)
                .body("details", hasItem("rules[1].params.thresholdUsd: must be a number above 0"));

        // Then the first rule was not created either
        as(admin).get("/api/v1/rules").then().statusCode(200).body("items.size()", is(0));
    }

    @Test
    void evaluationErrorsAreShownOnTheRule() {
        // Given a rule that failed twice on calls
        int id = create("{\"name\":\"fragile\",\"kind\":\"budget_exhausted\"}");
        errors.record(Integer.toString(id), new IllegalStateException("first"));
        errors.record(Integer.toString(id), new IllegalStateException("second"));

        // When the counted errors are written and the rule is read
        errors.flush();

        // Then the rule shows the count and the latest error
        as(viewer)
                .get("/api/v1/rules/{id}", id)
                .then()
                .statusCode(200)
                .body("errors.count", is(2))
                .body("errors.last", equalTo("IllegalStateException: second"));
    }

    @Test
    void newRuleIsAppliedByTheEnginesNextScheduledReload() {
        // Given an engine running, which reloads its rules every reload-interval (1 s here)
        // When an admin creates a rule
        int id = create("{\"name\":\"fresh\",\"kind\":\"budget_exhausted\"}");
        long reloadsWhenCreated = book.reloads();

        // Then the first scheduled reload that started after the change applies it, without a restart (the reload
        // under way when the rule was created may have missed it; the one after it cannot)
        await().atMost(Duration.ofSeconds(60)).until(() -> book.reloads() >= reloadsWhenCreated + 2);
        assertThat(book.get().get(Integer.toString(id))).isNotNull();
    }
}
