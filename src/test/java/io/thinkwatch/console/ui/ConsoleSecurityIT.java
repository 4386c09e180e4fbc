package io.thinkwatch.console.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.thinkwatch.security.User;
import io.thinkwatch.security.UserRole;

/** The console's defences over plain HTTP: headers, cookies, CSRF tokens and roles. */
@QuarkusTest
class ConsoleSecurityIT {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @ConfigProperty(name = "thinkwatch.admin.password")
    String adminPassword;

    @Test
    void pagesForbidInlineScriptFramingAndSniffing() {
        // Given the console
        // When any page is fetched
        // Then its headers forbid inline script, framing and MIME sniffing
        given().port(port)
                .get("/login")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteStrict() {
        // Given the first admin
        // When they sign in
        Response login = ConsoleSession.postLogin(port, "admin", adminPassword);

        // Then the session cookie cannot be read by script nor sent by other sites
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().getValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c)
                        .startsWith(ConsoleSession.SESSION + "=")
                        .containsIgnoringCase("HttpOnly")
                        .containsIgnoringCase("SameSite=Strict"));
    }

    @Test
    void loginFormWithoutItsCsrfTokenIsRefused() {
        // Given a login posted from elsewhere, with the right password but without the form's token
        // When it arrives
        Response login = given().port(port)
                .redirects()
                .follow(false)
                .formParam("j_username", "admin")
                .formParam("j_password", adminPassword)
                .post("/j_security_check");

        // Then no session is opened
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.header("Location")).endsWith("/login?error=true");
        assertThat(login.cookie(ConsoleSession.SESSION)).isNull();
    }

    @Test
    void formPostWithoutCsrfTokenIsRefused() {
        // Given a signed-in admin
        ConsoleSession admin = ConsoleSession.signIn(port, "admin", adminPassword);

        // When a form is posted with the session but without the CSRF token
        Response response = given().port(port)
                .redirects()
                .follow(false)
                .cookie(ConsoleSession.SESSION, admin.sessionCookie())
                .formParam("username", "csrf-victim")
                .formParam("password", "a-long-password-1")
                .formParam("role", "admin")
                .post("/users");

        // Then it is refused and nothing was created
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(QuarkusTransaction.requiringNew().call(() -> User.findByUsername("csrf-victim")))
                .isEmpty();
    }

    @Test
    void viewerCannotPostAForm() {
        // Given a signed-in viewer with a valid CSRF token
        String viewer = TracePageIT.newUser(UserRole.VIEWER);
        ConsoleSession session = ConsoleSession.signIn(port, viewer, "viewer-password-123");

        // When they post the add-user form
        Response response = given().port(port)
                .redirects()
                .follow(false)
                .cookie(ConsoleSession.SESSION, session.sessionCookie())
                .cookie(ConsoleSession.CSRF, session.csrfToken())
                .formParam(ConsoleSession.CSRF_FIELD, session.csrfToken())
                .formParam("username", "made-by-viewer")
                .formParam("password", "a-long-password-1")
                .formParam("role", "admin")
                .post("/users");

        // Then the console refuses, and no user was made
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.asString()).contains("Not allowed");
        assertThat(QuarkusTransaction.requiringNew().call(() -> User.findByUsername("made-by-viewer")))
                .isEmpty();
    }

    @Test
    void sessionAlsoOpensTheRestApi() {
        // Given a signed-in admin
        ConsoleSession admin = ConsoleSession.signIn(port, "admin", adminPassword);

        // When the browser session calls the REST API
        // Then it is recognised (a missing trace is a 404, not a 401)
        given().port(port)
                .cookie(ConsoleSession.SESSION, admin.sessionCookie())
                .get("/api/v1/traces/{id}", "none")
                .then()
                .statusCode(404)
                .header("Content-Type", endsWith("json"));
    }

    @Test
    void repeatedWrongPasswordsMakeEvenTheRightOneWait() {
        // Given a user, and five wrong passwords tried for them (the free allowance)
        String name = "throttled-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        QuarkusTransaction.requiringNew()
                .run(() -> User.create("default", name, "the-right-password-1", UserRole.VIEWER));
        for (int i = 0; i < 5; i++) {
            assertThat(ConsoleSession.postLogin(port, name, "wrong-" + i).cookie(ConsoleSession.SESSION))
                    .isNull();
        }

        // When a sixth wrong password is tried
        ConsoleSession.postLogin(port, name, "wrong-again");

        // Then the right password is refused until the wait has passed, and signs in after it
        assertThat(ConsoleSession.postLogin(port, name, "the-right-password-1").cookie(ConsoleSession.SESSION))
                .isNull();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(300))
                .until(() -> ConsoleSession.postLogin(port, name, "the-right-password-1")
                                .cookie(ConsoleSession.SESSION)
                        != null);
    }
}
