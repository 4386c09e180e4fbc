package io.thinkwatch.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.thinkwatch.capture.CaptureServer;
import io.thinkwatch.console.ui.ConsoleSession;

/**
 * Tenants as a platform administrator runs them, against the build's PostgreSQL, Kafka and capture: a new tenant
 * with its first admin and default rules, and a disabled tenant whose people, tokens and capture keys stop working.
 */
@QuarkusTest
class TenantsIT {

    private static final String PASSWORD = "a-long-enough-password";

    @Inject
    CaptureServer capture;

    @ConfigProperty(name = "thinkwatch.admin.token")
    String platformToken;

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    private String newTenant(String name, String admin) {
        return given().port(consolePort)
                .auth()
                .oauth2(platformToken)
                .contentType("application/json")
                .body("{\"name\":\"" + name + "\",\"displayName\":\"Team " + name + "\",\"admin\":{\"username\":\""
                        + admin + "\",\"password\":\"" + PASSWORD + "\"}}")
                .post("/api/v1/tenants")
                .then()
                .statusCode(201)
                .body("enabled", equalTo(true))
                .extract()
                .path("name");
    }

    private Response setEnabled(String name, boolean enabled) {
        return given().port(consolePort)
                .auth()
                .oauth2(platformToken)
                .contentType("application/json")
                .body("{\"enabled\":" + enabled + "}")
                .put("/api/v1/tenants/{name}", name);
    }

    private static String name() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aNewTenantsFirstAdminSignsInToItsOwnTenantWithTheDefaultRules() {
        // Given a tenant made by the platform administrator
        String tenant = name();
        String admin = tenant + "-admin";
        newTenant(tenant, admin);

        // When its first admin signs in and lists the rules
        ConsoleSession session = ConsoleSession.signIn(consolePort, admin, PASSWORD);
        List<Long> ids = given().port(consolePort)
                .cookie(ConsoleSession.SESSION, session.sessionCookie())
                .get("/api/v1/rules")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id", Long.class);

        // Then the tenant has default rules of its own, none of the default tenant's, and the tenant list shows it
        List<Long> defaultIds = given().port(consolePort)
                .auth()
                .oauth2(platformToken)
                .get("/api/v1/rules")
                .then()
                .extract()
                .jsonPath()
                .getList("items.id", Long.class);
        assertThat(ids).isNotEmpty().doesNotContainAnyElementsOf(defaultIds);
        assertThat(given().port(consolePort)
                        .auth()
                        .oauth2(platformToken)
                        .get("/api/v1/tenants")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items.name", String.class))
                .contains(tenant, "default");
    }

    @Test
    void aDisabledTenantsPeopleTokensAndKeysStopWorkingAndComeBackWhenEnabled() {
        // Given a tenant with an admin, an API token and a capture key that work
        String tenant = name();
        String admin = tenant + "-admin";
        newTenant(tenant, admin);
        String token = ApiToken.newSecret();
        QuarkusTransaction.requiringNew().run(() -> ApiToken.create(tenant, "it", UserRole.ADMIN, token));
        String key = given().port(consolePort)
                .auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"name\":\"app\"}")
                .post("/api/v1/capture-keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
        assertThat(call(key)).isEqualTo(200);

        // When the platform administrator disables the tenant
        setEnabled(tenant, false).then().statusCode(200).body("enabled", equalTo(false));

        // Then its token is refused, its admin cannot sign in, and capture refuses its key within five seconds
        given().port(consolePort)
                .auth()
                .oauth2(token)
                .get("/api/v1/rules")
                .then()
                .statusCode(401);
        assertThat(ConsoleSession.postLogin(consolePort, admin, PASSWORD).cookie(ConsoleSession.SESSION))
                .isNull();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> call(key) == 401);

        // And enabled again, all three work again
        setEnabled(tenant, true).then().statusCode(200);
        given().port(consolePort)
                .auth()
                .oauth2(token)
                .get("/api/v1/rules")
                .then()
                .statusCode(200);
        ConsoleSession.signIn(consolePort, admin, PASSWORD);
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> call(key) == 200);
    }

    private int call(String key) {
        return given().port(capture.port())
                .header("X-Thinkwatch-Key", key)
                .contentType("application/json")
                .body("{\"model\":\"o3\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/chat/completions")
                .statusCode();
    }

    @Test
    void onlyThePlatformAdministratorManagesTenants() {
        // Given an admin of an ordinary tenant
        String token = ApiToken.newSecret();
        QuarkusTransaction.requiringNew()
                .run(() -> ApiToken.create("default", "it-tenant-admin", UserRole.ADMIN, token));

        // When it lists or makes tenants, then it is refused
        given().port(consolePort)
                .auth()
                .oauth2(token)
                .get("/api/v1/tenants")
                .then()
                .statusCode(403);
        given().port(consolePort)
                .auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"name\":\"mine\",\"admin\":{\"username\":\"x\",\"password\":\"" + PASSWORD + "\"}}")
                .post("/api/v1/tenants")
                .then()
                .statusCode(403);
    }

    @Test
    void badTenantRequestsNameTheProblem() {
        String tenant = name();
        newTenant(tenant, tenant + "-admin");
        given().port(consolePort)
                .auth()
                .oauth2(platformToken)
                .contentType("application/json")
                .body("{\"name\":\"Bad Name\",\"admin\":{\"username\":\"ok\",\"password\":\"short\"}}")
                .post("/api/v1/tenants")
                .then()
                .statusCode(400)
                .body("details", org.hamcrest.Matchers.hasSize(2));
        given().port(consolePort)
                .auth()
                .oauth2(platformToken)
                .contentType("application/json")
                .body("{\"name\":\"" + tenant + "\",\"admin\":{\"username\":\"" + name() + "\",\"password\":\""
                        + PASSWORD + "\"}}")
                .post("/api/v1/tenants")
                .then()
                .statusCode(409);
        setEnabled("default", false).then().statusCode(409);
        setEnabled("no-such-tenant", false).then().statusCode(404);
    }
}
