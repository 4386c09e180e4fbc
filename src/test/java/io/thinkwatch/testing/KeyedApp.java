package io.thinkwatch.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An application of its own for one test: a capture key bound to a fresh app name, made by the default tenant's
 * admin through the console API as a user would, and the traces of that app read back through the console API once
 * indexed. For tests that drive capture from another process (a Node script) and cannot see capture's answers'
 * headers.
 */
public record KeyedApp(String app, String key, int consolePort, String adminToken) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Makes a key bound to a new app named {@code prefix-<random>}. */
    public static KeyedApp create(String prefix) {
        Config config = ConfigProvider.getConfig();
        int consolePort = config.getValue("quarkus.http.test-port", Integer.class);
        String admin = config.getValue("thinkwatch.admin.token", String.class);
        String app = prefix + "-" + UUID.randomUUID();
        String key = given().port(consolePort)
                .auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("name", app, "app", app))
                .post("/api/v1/capture-keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
        return new KeyedApp(app, key, consolePort, admin);
    }

    /** The environment a script needs to call capture as this app: capture's base URL and the key. */
    public Map<String, String> env(int capturePort, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(more);
        env.put("THINKWATCH_CAPTURE_URL", "http://127.0.0.1:" + capturePort);
        env.put("THINKWATCH_CAPTURE_KEY", key);
        return env;
    }

    /** The app's one trace, as {@code GET /api/v1/traces/{id}} answers it, once search finds it. */
    public JsonNode onlyTrace() {
        Response search = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> console().queryParam("app", app).get("/api/v1/traces"),
                        r -> r.statusCode() == 200 && r.jsonPath().getInt("total") > 0);
        assertThat(search.jsonPath().getInt("total"))
                .as("traces of app %s", app)
                .isEqualTo(1);
        String traceId = search.jsonPath().getString("items[0].traceId");
        String body = console()
                .get("/api/v1/traces/{id}", traceId)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private RequestSpecification console() {
        return given().port(consolePort).auth().oauth2(adminToken);
    }
}
