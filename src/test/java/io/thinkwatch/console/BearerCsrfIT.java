package io.thinkwatch.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A script's bodiless POST with a bearer token is not taken for a console form that lacks its CSRF token. */
@QuarkusTest
class BearerCsrfIT {

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    @ConfigProperty(name = "thinkwatch.admin.token")
    String adminToken;

    @Test
    void bodilessBearerPostWithAFormLabelIsServed() {
        // Given a channel whose receiver does not exist
        long id = given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"csrf-" + UUID.randomUUID().toString().substring(0, 8)
                        + "\",\"kind\":\"slack\",\"settings\":{\"url\":\"http://127.0.0.1:9/nowhere\"}}")
                .post("/api/v1/channels")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");

        // When a script sends the test with no body, labelled as a form (as curl -d '' and REST Assured do)
        var answer = given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .contentType("application/x-www-form-urlencoded")
                .post("/api/v1/channels/{id}/test", id);

        // Then the call is served: the receiver's failure is the answer, not a CSRF refusal
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.jsonPath().getBoolean("delivered")).isFalse();
    }
}
