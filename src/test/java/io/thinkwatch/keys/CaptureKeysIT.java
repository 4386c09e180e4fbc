package io.thinkwatch.keys;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.thinkwatch.capture.CaptureServer;
import io.thinkwatch.security.ApiToken;
import io.thinkwatch.security.UserRole;

/**
 * Capture keys end to end, against the build's Kafka, OpenSearch and PostgreSQL: an admin makes a key in the console,
 * capture stamps calls that carry it with the key's tenant and app, and a revocation stops it at capture.
 */
@QuarkusTest
class CaptureKeysIT {

    private static final String CHAT = "{\"model\":\"o3\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Inject
    CaptureServer capture;

    @ConfigProperty(name = "thinkwatch.admin.token")
    String adminToken;

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    private JsonPath createKey(String token, String body) {
        return given().port(consolePort)
                .auth()
                .oauth2(token)
                .contentType("application/json")
                .body(body)
                .post("/api/v1/capture-keys")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    private Response call(String key, String app) {
        var request =
                given().port(capture.port()).contentType("application/json").body(CHAT);
        if (key != null) {
            request.header("X-Thinkwatch-Key", key);
        }
        if (app != null) {
            request.header("X-Thinkwatch-App", app);
        }
        return request.post("/v1/chat/completions");
    }

    private JsonPath trace(String token, String traceId) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> given().port(consolePort).auth().oauth2(token).get("/api/v1/traces/{id}", traceId),
                        r -> r.statusCode() == 200)
                .jsonPath();
    }

    @Test
    void aCallWithAKeyIsRecordedInTheKeysTenantAndApp() {
        // Given a key of another tenant, bound to an app, made by that tenant's admin
        String otherTenant = "keys-" + UUID.randomUUID();
        String otherAdmin = ApiToken.newSecret();
        QuarkusTransaction.requiringNew().run(() -> ApiToken.create(otherTenant, "it", UserRole.ADMIN, otherAdmin));
        JsonPath created = createKey(otherAdmin, "{\"name\":\"support bot\",\"app\":\"support-bot\",\"env\":\"prod\"}");
        String key = created.getString("key");

        // When an application calls through capture with it, naming no app
        Response answer = call(key, null);

        // Then the call is answered, and its trace belongs to the key's tenant, app and environment, invisible to
        // the default tenant's admin
        assertThat(answer.statusCode()).isEqualTo(200);
        String traceId = answer.header("X-Thinkwatch-Trace-Id");
        JsonPath trace = trace(otherAdmin, traceId);
        assertThat(trace.getString("tenant")).isEqualTo(otherTenant);
        assertThat(trace.getString("app")).isEqualTo("support-bot");
        assertThat(trace.getString("env")).isEqualTo("prod");
        given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .get("/api/v1/traces/{id}", traceId)
                .then()
                .statusCode(404);
        assertThat(key).startsWith("twk_");
        assertThat(created.getString("id")).hasSize(32);
        assertThat(trace.getString("captureKeyId")).isEqualTo(created.getString("id"));

        // And the key's listing says when it was last used: when that trace started, to the millisecond
        String lastUsed = given().port(consolePort)
                .auth()
                .oauth2(otherAdmin)
                .get("/api/v1/capture-keys")
                .then()
                .statusCode(200)
                .extract()
                .path("items[0].lastUsedAt");
        assertThat(java.time.Instant.parse(lastUsed))
                .isEqualTo(java.time.Instant.parse(trace.getString("startedAt"))
                        .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    @Test
    void theKeyIsShownOnceAndListedWithoutIt() {
        // Given a key just made
        JsonPath created = createKey(adminToken, "{\"name\":\"listed " + UUID.randomUUID() + "\"}");

        // When the admin lists the keys
        String listing = given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .get("/api/v1/capture-keys")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        // Then it is listed by id and name, and the key text appears nowhere
        assertThat(listing).contains(created.getString("id")).doesNotContain(created.getString("key"));
    }

    @Test
    void aRevokedKeyIsRefusedByCaptureWithinFiveSeconds() {
        // Given a key that works
        JsonPath created = createKey(adminToken, "{\"name\":\"revoked " + UUID.randomUUID() + "\"}");
        String key = created.getString("key");
        assertThat(call(key, "revoke-test").statusCode()).isEqualTo(200);

        // When the admin revokes it
        given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .post("/api/v1/capture-keys/{id}/revoke", created.getString("id"))
                .then()
                .statusCode(200)
                .body("revokedAt", not(equalTo(null)))
                .body("revokedBy", equalTo("token:THINKWATCH_ADMIN_TOKEN"));

        // Then capture refuses it within five seconds, naming why and without echoing the key, and forwards nothing
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> call(key, "revoke-test").statusCode() == 401);
        Response refused = call(key, "revoke-test");
        assertThat(refused.jsonPath().getString("error")).isEqualTo("thinkwatch_key_invalid");
        assertThat(refused.jsonPath().getString("message")).contains("revoked");
        assertThat(refused.asString()).doesNotContain(key);
        assertThat(refused.header("X-Thinkwatch-Trace-Id")).isNull();

        // And direct ingest refuses it as a bearer token too
        given().port(capture.port())
                .auth()
                .oauth2(key)
                .contentType("application/json")
                .body("{\"model\":\"o3\"}")
                .post("/api/v1/traces")
                .then()
                .statusCode(401)
                .body("error", equalTo("thinkwatch_key_invalid"));
    }

    @Test
    void aKeyForAnotherAppIsForbiddenAndAForgedKeyInvalid() {
        // Given a key bound to one app, and a key of the same shape signed by someone else
        String key = createKey(adminToken, "{\"name\":\"bound " + UUID.randomUUID() + "\",\"app\":\"billing\"}")
                .getString("key");
        String forged = KeyFormat.encode(
                new KeyClaims(KeyFormat.newKeyId(), "default", null, null),
                SignerKeys.generate().getPrivate());

        // When calls present them
        Response otherApp = call(key, "crm");
        Response forgedCall = call(forged, null);

        // Then neither is forwarded: 403 for the app, 401 for the forgery
        assertThat(otherApp.statusCode()).isEqualTo(403);
        assertThat(otherApp.jsonPath().getString("error")).isEqualTo("thinkwatch_key_wrong_app");
        assertThat(forgedCall.statusCode()).isEqualTo(401);
        assertThat(forgedCall.jsonPath().getString("message")).contains("not made by this installation");
    }

    @Test
    void ingestWithABearerKeyLandsInTheKeysTenant() {
        // Given a key of the default tenant bound to an app
        String key = createKey(adminToken, "{\"name\":\"ingest " + UUID.randomUUID() + "\",\"app\":\"ingester\"}")
                .getString("key");

        // When an application sends a trace with it as its bearer token
        String traceId = given().port(capture.port())
                .auth()
                .oauth2(key)
                .contentType("application/json")
                .body("{\"model\":\"o3\",\"answer\":\"ok\"}")
                .post("/api/v1/traces")
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getString("traceIds[0]");

        // Then the stored trace carries the key's app
        assertThat(trace(adminToken, traceId).getString("app")).isEqualTo("ingester");
    }

    @Test
    void keysAreAdminsOnlyAndEveryChangeIsAudited() {
        // Given a viewer of the default tenant
        String viewer = ApiToken.newSecret();
        QuarkusTransaction.requiringNew()
                .run(() -> ApiToken.create("default", "it-key-viewer", UserRole.VIEWER, viewer));

        // When the viewer lists keys, and the admin makes and revokes one
        int viewerStatus = given().port(consolePort)
                .auth()
                .oauth2(viewer)
                .get("/api/v1/capture-keys")
                .statusCode();
        String id = createKey(adminToken, "{\"name\":\"audited " + UUID.randomUUID() + "\"}")
                .getString("id");
        given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .post("/api/v1/capture-keys/{id}/revoke", id)
                .then()
                .statusCode(200);

        // Then the viewer was refused, and the audit log holds both changes
        assertThat(viewerStatus).isEqualTo(403);
        List<String> actions = given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .get("/api/v1/audit?targetType=capture_key&targetId=" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.action");
        assertThat(actions).containsExactly("capture_key.revoke", "capture_key.create");
    }

    @Test
    void badRequestsNameTheProblem() {
        given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .contentType("application/json")
                .body("{\"app\":\"x\"}")
                .post("/api/v1/capture-keys")
                .then()
                .statusCode(400)
                .body("details[0]", equalTo("name: required"));
        String name = "taken " + UUID.randomUUID();
        createKey(adminToken, "{\"name\":\"" + name + "\"}");
        given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .contentType("application/json")
                .body("{\"name\":\"" + name + "\"}")
                .post("/api/v1/capture-keys")
                .then()
                .statusCode(409);
        given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .post("/api/v1/capture-keys/{id}/revoke", "0".repeat(32))
                .then()
                .statusCode(404);
        given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .get("/api/v1/capture-keys/signer")
                .then()
                .statusCode(200)
                .body("publicKey", startsWith("MCowBQYDK2Vw"));
    }
}
