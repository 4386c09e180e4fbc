package io.thinkwatch.console.ui;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;

/** A console session opened over plain HTTP, the way a browser does: CSRF cookie, login form, session cookie. */
public record ConsoleSession(int port, String sessionCookie, String csrfToken) {

    public static final String SESSION = "thinkwatch-session";
    public static final String CSRF = "thinkwatch-csrf";
    public static final String CSRF_FIELD = "csrf-token";
    private static final Pattern HIDDEN_TOKEN = Pattern.compile("name=\"" + CSRF_FIELD + "\" value=\"([^\"]+)\"");

    /** The login form's answer when posted with its CSRF token. */
    public static Response postLogin(int port, String username, String password) {
        Response form = given().port(port).get("/login");
        return given().port(port)
                .redirects()
                .follow(false)
                .cookie(CSRF, form.cookie(CSRF))
                .formParam("j_username", username)
                .formParam("j_password", password)
                .formParam(CSRF_FIELD, token(form.asString()))
                .post("/j_security_check");
    }

    public static ConsoleSession signIn(int port, String username, String password) {
        Response login = postLogin(port, username, password);
        String session = login.cookie(SESSION);
        if (session == null) {
            throw new AssertionError(
                    "sign-in of " + username + " failed: " + login.statusLine() + " " + login.header("Location"));
        }
        Response page = given().port(port).cookie(SESSION, session).get("/");
        return new ConsoleSession(port, session, token(page.asString()));
    }

    static String token(String html) {
        Matcher m = HIDDEN_TOKEN.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF field in the page");
        }
        return m.group(1);
    }
}
