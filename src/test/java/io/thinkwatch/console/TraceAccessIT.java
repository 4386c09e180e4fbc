package io.thinkwatch.console;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.thinkwatch.capture.CaptureServer;
import io.thinkwatch.security.ApiToken;
import io.thinkwatch.security.UserRole;

/** Reads of the console API are authenticated and never cross tenants. */
@QuarkusTest
class TraceAccessIT {

    @Inject
    CaptureServer capture;

    @ConfigProperty(name = "thinkwatch.admin.token")
    String adminToken;

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    @Test
    void requestWithoutTokenIsRefused() {
        // Given no credentials
        // When the API is called
        // Then it answers 401 in the error shape
        given().port(consolePort)
                .get("/api/v1/traces/anything")
                .then()
                .statusCode(401)
                .body("error", equalTo("unauthorized"));
    }

    @Test
    void unknownTraceIsNotFound() {
        // Given a trace id nobody recorded
        // When an admin reads it
        // Then the answer is 404 in the error shape
        given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .get("/api/v1/traces/{id}", "0190-none")
                .then()
                .statusCode(404)
                .body("error", equalTo("not_found"));
    }

    @Test
    void traceOfOneTenantIsInvisibleToAnother() {
        // Given a trace of the default tenant, and a token of another tenant
        String otherToken = ApiToken.newSecret();
        QuarkusTransaction.requiringNew().run(() -> ApiToken.create("other-tenant", "it", UserRole.ADMIN, otherToken));
        String traceId = given().port(capture.port())
                .contentType("application/json")
                .body("{\"model\":\"o3\",\"messages\":[]}")
                .post("/v1/chat/completions")
                .header("X-Thinkwatch-Trace-Id");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().port(consolePort)
                        .auth()
                        .oauth2(adminToken)
                        .get("/api/v1/traces/{id}", traceId)
                        .then()
                        .statusCode(200));

        // When the other tenant reads it
        // Then it does not exist for them
        given().port(consolePort)
                .auth()
                .oauth2(otherToken)
                .get("/api/v1/traces/{id}", traceId)
                .then()
                .statusCode(404);
    }

    @Test
    void viewerTokenReadsMetadataWithoutCapturedText() {
        // Given a captured trace, and a viewer's token
        String viewerToken = ApiToken.newSecret();
        QuarkusTransaction.requiringNew()
                .run(() -> ApiToken.create("default", "it-viewer", UserRole.VIEWER, viewerToken));
        String traceId = given().port(capture.port())
                .contentType("application/json")
                .body("{\"model\":\"o3\",\"messages\":[{\"role\":\"user\",\"content\":\"private\"}]}")
                .post("/v1/chat/completions")
                .header("X-Thinkwatch-Trace-Id");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().port(consolePort)
                        .auth()
                        .oauth2(adminToken)
                        .get("/api/v1/traces/{id}", traceId)
                        .then()
                        .statusCode(200));

        // When the viewer reads it
        // Then the numbers are there and prompt and answer are not
        given().port(consolePort)
                .auth()
                .oauth2(viewerToken)
                .get("/api/v1/traces/{id}", traceId)
                .then()
                .statusCode(200)
                .body("traceId", equalTo(traceId))
                .body("usage.source", equalTo("provider"))
                .body("answer", nullValue())
                .body("request.messages", nullValue());
    }

    @Test
    void viewerSearchListsMetadataAndMayNotSearchText() {
        // Given a captured trace, and a viewer's token
        String viewerToken = ApiToken.newSecret();
        QuarkusTransaction.requiringNew()
                .run(() -> ApiToken.create("default", "it-list-viewer", UserRole.VIEWER, viewerToken));
        String app = "list-" + UUID.randomUUID();
        String traceId = given().port(capture.port())
                .contentType("application/json")
                .header("X-Thinkwatch-App", app)
                .body("{\"model\":\"o3\",\"messages\":[{\"role\":\"user\",\"content\":\"private\"}]}")
                .post("/v1/chat/completions")
                .header("X-Thinkwatch-Trace-Id");
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> given().port(consolePort)
                        .auth()
                        .oauth2(adminToken)
                        .get("/api/v1/traces?app={app}", app)
                        .then()
                        .statusCode(200)
                        .body("items.answer[0]", notNullValue()));

        // When the viewer lists the app's traces
        // Then the trace is listed with its numbers and without its answer
        given().port(consolePort)
                .auth()
                .oauth2(viewerToken)
                .get("/api/v1/traces?app={app}", app)
                .then()
                .statusCode(200)
                .body("items.traceId", contains(traceId))
                .body("items[0].usage.source", equalTo("provider"))
                .body("items[0].answer", nullValue())
                .body("items[0].reasoningText", nullValue());
        // And a search for words is refused, naming q
        given().port(consolePort)
                .auth()
                .oauth2(viewerToken)
                .get("/api/v1/traces?q=private")
                .then()
                .statusCode(403)
                .body("details[0]", startsWith("q:"));
    }
}
