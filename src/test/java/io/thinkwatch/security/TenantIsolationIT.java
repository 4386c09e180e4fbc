package io.thinkwatch.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.thinkwatch.capture.CaptureServer;
import io.thinkwatch.console.ui.ConsoleSession;

/**
 * The cross-tenant matrix: tenant A holds a trace, a finding, a rule, a channel, a user, a token and a capture key;
 * every route the application serves (read from its own OpenAPI document, so a route added later is in the matrix)
 * is called by a viewer, a reviewer and an admin of tenant B with A's ids. None answers with A's data: a route that
 * names one of A's things answers 404, or 403 where B's role may not use it at all.
 */
@QuarkusTest
class TenantIsolationIT {

    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    @Inject
    CaptureServer capture;

    @ConfigProperty(name = "thinkwatch.admin.token")
    String adminA;

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    private final String mark = UUID.randomUUID().toString().substring(0, 8);

    private RequestSpecification as(String token) {
        return given().port(consolePort).auth().oauth2(token).redirects().follow(false);
    }

    /** What tenant A holds, by the names the routes' parameters use, and the texts that must not reach B. */
    record TenantA(Map<String, String> ids, List<String> markers) {}

    private TenantA tenantA() {
        String app = "iso-app-" + mark;
        String traceId = given().port(capture.port())
                .contentType("application/json")
                .header("X-Thinkwatch-App", app)
                .header("x-simulator-scenario", "truncated")
                .body(
                        "{\"model\":\"o3\",\"max_completion_tokens\":500,\"messages\":[{\"role\":\"user\",\"content\":\"iso "
                                + mark + "\"}]}")
                .post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .extract()
                .header("X-Thinkwatch-Trace-Id");
        String findingId = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> as(adminA).get("/api/v1/findings?app=" + app),
                        r -> r.statusCode() == 200
                                && !r.jsonPath().getList("items").isEmpty())
                .jsonPath()
                .getString("items[0].findingId");
        String ruleName = "iso-rule-" + mark;
        String ruleId = String.valueOf(as(adminA)
                .contentType("application/json")
                .body("{\"name\":\"" + ruleName
                        + "\",\"kind\":\"reasoning_tokens_above\",\"params\":{\"threshold\":25000}}")
                .post("/api/v1/rules")
                .then()
                .statusCode(201)
                .extract()
                .<Integer>path("id"));
        String channelName = "iso-channel-" + mark;
        String channelId = String.valueOf(as(adminA)
                .contentType("application/json")
                .body("{\"name\":\"" + channelName
                        + "\",\"kind\":\"webhook\",\"settings\":{\"url\":\"http://127.0.0.1:9/hook\"}}")
                .post("/api/v1/channels")
                .then()
                .statusCode(201)
                .extract()
                .<Integer>path("id"));
        String keyName = "iso-key-" + mark;
        String keyId = as(adminA)
                .contentType("application/json")
                .body("{\"name\":\"" + keyName + "\"}")
                .post("/api/v1/capture-keys")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String tokenName = "iso-token-" + mark;
        String tokenId = String.valueOf(as(adminA)
                .contentType("application/json")
                .body("{\"name\":\"" + tokenName + "\",\"role\":\"viewer\"}")
                .post("/api/v1/tokens")
                .then()
                .statusCode(201)
                .extract()
                .<Integer>path("id"));
        String holdReason = "iso-hold-" + mark;
        // A hold names a stored trace: the finding may come before the trace is searchable
        await().atMost(Duration.ofSeconds(60))
                .until(() -> as(adminA).get("/api/v1/traces/" + traceId).statusCode() == 200);
        String holdId = as(adminA)
                .contentType("application/json")
                .body("{\"kind\":\"trace\",\"target\":\"" + traceId + "\",\"reason\":\"" + holdReason + "\"}")
                .post("/api/v1/holds")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String user = "iso-user-" + mark;
        QuarkusTransaction.requiringNew().run(() -> User.create("default", user, "a-long-password-1", UserRole.VIEWER));
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("traceId", traceId);
        ids.put("finding", findingId);
        ids.put("rule", ruleId);
        ids.put("channel", channelId);
        ids.put("key", keyId);
        ids.put("tenant", "default");
        ids.put("user", user);
        ids.put("token", tokenId);
        ids.put("hold", holdId);
        return new TenantA(
                ids,
                List.of(traceId, findingId, ruleName, channelName, keyName, keyId, user, app, tokenName, holdReason));
    }

    /** Tenant A's id for a route's path parameter, by the resource the path is about. */
    private static String idFor(String path, String param, TenantA a) {
        if (param.equals("traceId") || path.startsWith("/api/v1/traces") || path.startsWith("/traces")) {
            return a.ids().get("traceId");
        }
        for (String[] room : new String[][] {
            {"findings", "finding"},
            {"review", "finding"},
            {"rules", "rule"},
            {"channels", "channel"},
            {"capture-keys", "key"},
            {"keys", "key"},
            {"tenants", "tenant"},
            {"users", "user"},
            {"tokens", "token"},
            {"holds", "hold"}
        }) {
            if (path.startsWith("/api/v1/" + room[0] + "/") || path.startsWith("/" + room[0] + "/")) {
                return a.ids().get(room[1]);
            }
        }
        throw new AssertionError("the isolation matrix does not know what {" + param + "} of " + path
                + " names; add it, so that the route is checked");
    }

    @Test
    void noRouteAnswersAnotherTenantWithItsData() {
        // Given tenant A's things, and a viewer, a reviewer and an admin of tenant B
        TenantA a = tenantA();
        String tenantB = "iso-b-" + mark;
        Map<UserRole, Identity> b = new LinkedHashMap<>();
        for (UserRole role : List.of(UserRole.VIEWER, UserRole.REVIEWER, UserRole.ADMIN)) {
            String token = ApiToken.newSecret();
            String user = "iso-b-" + role.wire() + "-" + mark;
            QuarkusTransaction.requiringNew().run(() -> {
                ApiToken.create(tenantB, "iso-" + role.wire(), role, token);
                User.create(tenantB, user, "a-long-password-1", role);
            });
            b.put(role, new Identity(token, ConsoleSession.signIn(consolePort, user, "a-long-password-1")));
        }
        Map<String, List<String>> routes = routes();
        assertThat(routes).containsKeys("/api/v1/traces/{traceId}", "/api/v1/capture-keys/{id}/revoke", "/keys");

        // When every route is called by each of them with A's ids
        List<String> leaks = new ArrayList<>();
        int calls = 0;
        for (Map.Entry<String, List<String>> route : routes.entrySet()) {
            String template = route.getKey();
            Matcher params = PARAM.matcher(template);
            StringBuilder path = new StringBuilder();
            boolean namesA = false;
            while (params.find()) {
                params.appendReplacement(path, Matcher.quoteReplacement(idFor(template, params.group(1), a)));
                namesA = true;
            }
            params.appendTail(path);
            for (String method : route.getValue()) {
                for (Map.Entry<UserRole, Identity> identity : b.entrySet()) {
                    Response answer = call(identity.getValue(), method, path.toString());
                    calls++;
                    String body = answer.asString();
                    String where = method + " " + template + " as B's "
                            + identity.getKey().wire() + ": " + answer.statusCode();
                    // An id B itself sent may come back ("trace ... not found"); nothing else of A may
                    String sent = path.toString();
                    a.markers().stream()
                            .filter(m -> !sent.contains(m))
                            .filter(body::contains)
                            .findFirst()
                            .ifPresent(m -> leaks.add(where + " shows A's '" + m + "'"));
                    if (namesA && answer.statusCode() != 404 && answer.statusCode() != 403) {
                        leaks.add(where + " (expected 404, or 403 for a role that may not use it): " + body);
                    }
                }
            }
        }

        // Then none answered with A's data, and A's things are all still there
        assertThat(String.join("\n", leaks)).isEmpty();
        assertThat(calls).isGreaterThan(100);
        for (String path : List.of(
                "/api/v1/traces/" + a.ids().get("traceId"),
                "/api/v1/findings/" + a.ids().get("finding"),
                "/api/v1/rules/" + a.ids().get("rule"),
                "/api/v1/channels/" + a.ids().get("channel"))) {
            assertThat(as(adminA).get(path).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(as(adminA).get("/api/v1/capture-keys").asString())
                .contains(a.ids().get("key"));
        assertThat(as(adminA).get("/api/v1/users").asString()).contains(a.ids().get("user"));
        assertThat(as(adminA).get("/api/v1/tokens").asString()).contains("iso-token-" + mark);
        assertThat(as(adminA)
                        .get("/api/v1/capture-keys")
                        .jsonPath()
                        .getString("items.find { it.id == '" + a.ids().get("key") + "' }.revokedAt"))
                .isNull();
    }

    @Test
    void searchStatsExportsAndTheAuditLogOfAnotherTenantAreEmptyOfA() {
        // Given tenant A's things and an admin of tenant B
        TenantA a = tenantA();
        String token = ApiToken.newSecret();
        QuarkusTransaction.requiringNew().run(() -> ApiToken.create("iso-b2-" + mark, "iso", UserRole.ADMIN, token));

        // When B searches for A's app and words, asks for stats by app, exports rules and traces, reads the audit log
        // and asks who read A's trace
        List<Response> answers = List.of(
                as(token).get("/api/v1/traces?app=iso-app-" + mark),
                as(token).get("/api/v1/traces?q=" + mark),
                as(token).get("/api/v1/stats?groupBy=app&from=2020-01-01T00:00:00Z"),
                as(token).get("/api/v1/rules/export?format=json"),
                as(token).get("/api/v1/findings?app=iso-app-" + mark),
                as(token).get("/api/v1/audit?targetId=" + a.ids().get("rule")),
                as(token).post("/api/v1/rules/" + a.ids().get("rule") + "/backtest"),
                as(token).get("/api/v1/traces/export?app=iso-app-" + mark),
                as(token).get("/api/v1/audit/reads?traceId=" + a.ids().get("traceId")));

        // Then every answer is B's own: nothing of A in it
        for (Response answer : answers) {
            assertThat(a.markers()).noneMatch(answer.asString()::contains);
        }
        assertThat(answers.get(0).jsonPath().getInt("total")).isZero();
        assertThat(answers.get(6).statusCode()).isEqualTo(404);
        assertThat(answers.get(7).asString()).isEmpty();
        assertThat(answers.get(8).jsonPath().getList("items")).isEmpty();
    }

    /** An identity of tenant B: its API token, and a console session of a user with the same role. */
    record Identity(String token, ConsoleSession session) {}

    /**
     * Calls a route as B: the REST API with the token, a console page with the session (and, for a form, its CSRF
     * token). Bodies are valid for the routes that take one, so that an answer is about the id, not the body.
     */
    private Response call(Identity b, String method, String path) {
        boolean write = method.equals("POST") || method.equals("PUT");
        if (path.startsWith("/api/")) {
            RequestSpecification request = as(b.token());
            if (write) {
                request = request.contentType("application/json")
                        .body(
                                path.startsWith("/api/v1/rules")
                                        ? "{\"name\":\"iso-b\",\"kind\":\"reasoning_tokens_above\","
                                                + "\"params\":{\"threshold\":1}}"
                                        : "{\"state\":\"acknowledged\",\"note\":\"iso\"}");
            }
            return request.request(method, path);
        }
        RequestSpecification request = given().port(consolePort)
                .redirects()
                .follow(false)
                .cookie(ConsoleSession.SESSION, b.session().sessionCookie());
        if (write) {
            request = request.cookie(ConsoleSession.CSRF, b.session().csrfToken())
                    .contentType("application/x-www-form-urlencoded")
                    .formParam(ConsoleSession.CSRF_FIELD, b.session().csrfToken())
                    .formParam("state", "acknowledged")
                    .formParam("note", "iso");
        }
        return request.request(method, path);
    }

    /** Every path of the application's OpenAPI document with its methods. */
    private Map<String, List<String>> routes() {
        Map<String, Map<String, Object>> paths = given().port(consolePort)
                .get("/q/openapi?format=json")
                .jsonPath()
                .getMap("paths");
        Map<String, List<String>> routes = new LinkedHashMap<>();
        paths.forEach((path, operations) -> routes.put(
                path,
                operations.keySet().stream()
                        .filter(m ->
                                List.of("get", "post", "put", "delete", "patch").contains(m))
                        .map(m -> m.toUpperCase(java.util.Locale.ROOT))
                        .toList()));
        return routes;
    }
}
