package io.thinkwatch.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.thinkwatch.alerts.Channel;
import io.thinkwatch.security.ApiToken;
import io.thinkwatch.security.UserRole;

/** {@code /api/v1/channels} against the real database: secrets sealed and hidden, validation, tenants, roles. */
@QuarkusTest
class ChannelApiIT {

    @ConfigProperty(name = "thinkwatch.admin.token")
    String adminToken;

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    private RequestSpecification as(String token) {
        return given().port(consolePort).auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createdSlackChannelNeverShowsItsUrlAgain() {
        // Given a Slack channel with a secret webhook URL
        String name = unique("slack");
        String body = """
                {"name":"%s","kind":"slack","minSeverity":"critical",
                 "settings":{"url":"https://hooks.slack.com/services/T000/B000/very-secret"}}""".formatted(name);

        // When it is created
        long id = as(adminToken)
                .body(body)
                .post("/api/v1/channels")
                .then()
                .statusCode(201)
                .body("name", equalTo(name))
                .body("kind", equalTo("slack"))
                .body("minSeverity", equalTo("critical"))
                .body("maxPerHour", equalTo(60))
                .body("secrets.url", equalTo("https://hooks.slack.com/…(hidden)"))
                .extract()
                .jsonPath()
                .getLong("id");

        // Then neither the list nor the database shows the URL in clear
        String list = as(adminToken)
                .get("/api/v1/channels")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(list).contains(name).doesNotContain("very-secret");
        String stored = QuarkusTransaction.requiringNew().call(() -> Channel.<Channel>findById(id).secrets);
        assertThat(stored).startsWith("v1:").doesNotContain("very-secret");
    }

    @Test
    void webhookGetsAGeneratedSigningSecretShownOnce() {
        // Given a webhook channel without a signing secret
        String body = """
                {"name":"%s","kind":"webhook","settings":{"url":"http://127.0.0.1:9/hook"}}""".formatted(unique("hook"));

        // When it is created
        var created = as(adminToken)
                .body(body)
                .post("/api/v1/channels")
                .then()
                .statusCode(201)
                .body("signingSecret", startsWith("whsec_"))
                .extract()
                .jsonPath();

        // Then a later read shows only that a secret is set
        as(adminToken)
                .get("/api/v1/channels/{id}", created.getLong("id"))
                .then()
                .statusCode(200)
                .body("signingSecret", equalTo(null))
                .body("secrets.signingSecret", equalTo("(hidden)"));
    }

    @Test
    void updateWithoutSecretsKeepsThem() {
        // Given a PagerDuty channel
        long id = as(adminToken)
                .body("""
                {"name":"%s","kind":"pagerduty","settings":{"routingKey":"R0UTING"}}""".formatted(unique("pd")))
                .post("/api/v1/channels")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");

        // When an update changes only its minimum severity
        as(adminToken)
                .body("{\"minSeverity\":\"info\",\"enabled\":false}")
                .put("/api/v1/channels/{id}", id)
                .then()
                .statusCode(200)
                .body("minSeverity", equalTo("info"))
                .body("enabled", equalTo(false));

        // Then the routing key is still set
        as(adminToken).get("/api/v1/channels/{id}", id).then().body("secrets.routingKey", equalTo("(hidden)"));
    }

    @Test
    void invalidChannelIsRefusedNamingTheFields() {
        // Given a webhook with a file URL and an unknown severity
        String body = """
                {"name":"%s","kind":"webhook","minSeverity":"loud","settings":{"url":"file:///etc/passwd"}}""".formatted(unique("bad"));

        // When it is created
        // Then the answer is 400 naming both fields
        as(adminToken)
                .body(body)
                .post("/api/v1/channels")
                .then()
                .statusCode(400)
                .body("error", equalTo("bad_request"))
                .body("details", hasItem("minSeverity: must be one of info, warning, critical"))
                .body("details", hasItem("settings.url: must be an http or https URL"));
    }

    @Test
    void duplicateNameIsAConflict() {
        // Given a channel
        String body = """
                {"name":"%s","kind":"teams","settings":{"url":"https://example.webhook.office.com/x"}}""".formatted(unique("teams"));
        as(adminToken).body(body).post("/api/v1/channels").then().statusCode(201);

        // When another with the same name is created
        // Then it is refused
        as(adminToken)
                .body(body)
                .post("/api/v1/channels")
                .then()
                .statusCode(409)
                .body("error", equalTo("conflict"));
    }

    @Test
    void channelsOfOneTenantAreInvisibleAndUntouchableForAnother() {
        // Given a channel of the default tenant and an admin of another tenant
        long id = as(adminToken)
                .body("""
                {"name":"%s","kind":"email","settings":{"to":["oncall@example.com"]}}""".formatted(unique("mail")))
                .post("/api/v1/channels")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        String other = ApiToken.newSecret();
        QuarkusTransaction.requiringNew().run(() -> ApiToken.create(unique("tenant"), "it", UserRole.ADMIN, other));

        // When the other tenant reads and deletes it
        // Then it does not exist for them, and is still there
        as(other).get("/api/v1/channels").then().statusCode(200).body("id", not(hasItem((int) id)));
        as(other).delete("/api/v1/channels/{id}", id).then().statusCode(404);
        as(adminToken).get("/api/v1/channels/{id}", id).then().statusCode(200).body("id", notNullValue());
    }

    @Test
    void viewerCannotCreateChannels() {
        // Given a viewer token
        String viewer = ApiToken.newSecret();
        QuarkusTransaction.requiringNew().run(() -> ApiToken.create("default", "viewer", UserRole.VIEWER, viewer));

        // When it creates a channel
        // Then it is forbidden
        as(viewer)
                .body("{\"name\":\"x\",\"kind\":\"slack\",\"settings\":{\"url\":\"https://hooks.slack.com/x\"}}")
                .post("/api/v1/channels")
                .then()
                .statusCode(403);
    }
}
