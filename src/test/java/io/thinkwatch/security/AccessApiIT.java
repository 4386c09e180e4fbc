package io.thinkwatch.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** A tenant admin manages its users and API tokens through the REST API, and every change is audited. */
@QuarkusTest
class AccessApiIT {

    @ConfigProperty(name = "thinkwatch.admin.token")
    String admin;

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    private RequestSpecification as(String token) {
        return given().port(consolePort).auth().oauth2(token).contentType("application/json");
    }

    @Test
    void aTokenWorksWithItsRoleUntilDeleted() {
        // Given a viewer token made by the admin
        var created = as(admin)
                .body("{\"name\":\"dashboard " + UUID.randomUUID() + "\",\"role\":\"viewer\"}")
                .post("/api/v1/tokens")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String token = created.getString("token");

        // When it reads and tries to change, then it reads but may not change
        as(token).get("/api/v1/rules").then().statusCode(200);
        as(token).body("{}").post("/api/v1/rules").then().statusCode(403);
        assertThat(as(admin).get("/api/v1/tokens").asString()).doesNotContain(token);

        // And once deleted, it is refused
        as(admin).delete("/api/v1/tokens/{id}", created.getInt("id")).then().statusCode(204);
        as(token).get("/api/v1/rules").then().statusCode(401);
        List<String> actions = as(admin)
                .get("/api/v1/audit?targetType=token&targetId=" + created.getInt("id"))
                .jsonPath()
                .getList("items.action");
        assertThat(actions).containsExactly("token.delete", "token.create");
    }

    @Test
    void aUserIsAddedGivenAnotherRoleAndRemoved() {
        String name = "api-user-" + UUID.randomUUID().toString().substring(0, 8);
        as(admin)
                .body("{\"username\":\"" + name + "\",\"password\":\"a-long-password-2\",\"role\":\"viewer\"}")
                .post("/api/v1/users")
                .then()
                .statusCode(201);

        as(admin)
                .body("{\"role\":\"reviewer\"}")
                .put("/api/v1/users/{u}", name)
                .then()
                .statusCode(200)
                .body("role", equalTo("reviewer"));
        as(admin).delete("/api/v1/users/{u}", name).then().statusCode(204);

        assertThat(as(admin).get("/api/v1/users").asString()).doesNotContain(name);
        assertThat(as(admin)
                        .get("/api/v1/audit?targetType=user&targetId=" + name)
                        .jsonPath()
                        .getList("items.action"))
                .containsExactly("user.remove", "user.role", "user.create");
    }

    @Test
    void platformAdministrationCannotBeGivenByATenantAdmin() {
        String name = "api-user-" + UUID.randomUUID().toString().substring(0, 8);
        as(admin)
                .body("{\"username\":\"" + name + "\",\"password\":\"a-long-password-2\",\"role\":\"platform_admin\"}")
                .post("/api/v1/users")
                .then()
                .statusCode(400);
        as(admin)
                .body("{\"name\":\"x\",\"role\":\"platform_admin\"}")
                .post("/api/v1/tokens")
                .then()
                .statusCode(400);
        as(admin)
                .body("{\"username\":\"bad name!\",\"password\":\"short\",\"role\":\"viewer\"}")
                .post("/api/v1/users")
                .then()
                .statusCode(400)
                .body("details.size()", equalTo(2));
    }
}
