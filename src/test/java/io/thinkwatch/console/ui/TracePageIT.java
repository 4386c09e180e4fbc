package io.thinkwatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.thinkwatch.security.User;
import io.thinkwatch.security.UserRole;
import io.thinkwatch.testing.FixtureServer;
import io.vertx.core.json.Json;

/** The trace page in a real browser: the token bar, content by role, and captured text that cannot run. */
@QuarkusTest
class TracePageIT extends PageInBrowser {

    static final String XSS_ANSWER = "<img src=x onerror=alert(1)> and <script>alert(2)</script>";
    static final String XSS_REASONING = "<svg onload=alert(3)>";

    @Test
    void tokenBarShowsVisibleReasoningAndUnusedBudget() {
        // Given a call with a 4,000-token budget that spent 1,234 tokens reasoning, captured and indexed
        Traces traces = traces();
        String traceId = traces.send(
                Map.of("X-Thinkwatch-App", "route-planner", "X-Simulator-Reasoning-Tokens", "1234"),
                "{\"model\":\"o3-mini\",\"max_completion_tokens\":4000,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Which route is shortest?\"}]}");
        JsonPath stored = traces.awaitIndexed(traceId);
        long visible = stored.getLong("usage.visibleOutputTokens");
        long output = stored.getLong("usage.outputTokens");

        // When an admin opens it
        try (ConsoleBrowser.Tab tab = browser.open().signIn("admin", adminPassword)) {
            tab.page.navigate("/traces/" + traceId);

            // Then the bar's numbers are the call's, and the page ran without script errors
            assertThat(tab.page.locator("#tokens-reasoning").textContent()).isEqualTo("1,234");
            assertThat(tab.page.locator("#tokens-visible").textContent()).isEqualTo(String.format("%,d", visible));
            assertThat(tab.page.locator("#tokens-unused").textContent()).isEqualTo(String.format("%,d", 4000 - output));
            assertThat(tab.page.locator("#tokens-budget").textContent()).isEqualTo("4,000");
            assertThat(tab.page.locator("#answer-text").textContent()).isEqualTo(stored.getString("answer"));
            assertThat(tab.page.locator("#content").textContent()).contains("Which route is shortest?");
            assertThat(tab.consoleErrors).isEmpty();
            tab.screenshot("trace");
        }
    }

    @Test
    void aCallMadeInsideTheApplicationsTraceLinksToIt() {
        // Given a call the application made inside its own OpenTelemetry trace (a W3C traceparent header), and a
        // tracing backend's URL template configured (%test: http://jaeger.test/trace/{traceId}?uiFind={spanId})
        String appTrace = UUID.randomUUID().toString().replace("-", "");
        Traces traces = traces();
        String traceId = traces.send(
                Map.of(
                        "X-Thinkwatch-App",
                        "traced-app",
                        "traceparent",
                        "00-" + appTrace + "-00f067aa0ba902b7-01",
                        "tracestate",
                        "rojo=00f067aa0ba902b7"),
                "{\"model\":\"o3-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        JsonPath stored = traces.awaitIndexed(traceId);
        assertThat(stored.getString("traceContext.traceId")).isEqualTo(appTrace);
        assertThat(stored.getString("traceContext.traceState")).isEqualTo("rojo=00f067aa0ba902b7");

        // When an admin opens the trace
        try (ConsoleBrowser.Tab tab = browser.open().signIn("admin", adminPassword)) {
            tab.page.navigate("/traces/" + traceId);

            // Then it links to the application's trace in the tracing backend
            assertThat(tab.page.locator("#app-trace a").getAttribute("href"))
                    .isEqualTo("http://jaeger.test/trace/" + appTrace + "?uiFind=00f067aa0ba902b7");
            assertThat(tab.consoleErrors).isEmpty();
        }
    }

    @Test
    void toolCallsShowTheirNamesAndSizesToEveryoneAndTheirArgumentsToReviewersUp() {
        // Given a call that ended by calling the request's tool (the simulator's tool-calls scenario), captured
        Traces traces = traces();
        String traceId = traces.send(
                Map.of("X-Thinkwatch-App", "weather", "X-Simulator-Scenario", "tool-calls"),
                "{\"model\":\"o3\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}],"
                        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}]}");
        JsonPath stored = traces.awaitIndexed(traceId);
        assertThat(stored.getString("toolCalls[0].name")).isEqualTo("get_weather");
        assertThat(stored.getBoolean("emptyAnswer")).isFalse();
        String viewer = newUser(UserRole.VIEWER);

        // When an admin opens it
        try (ConsoleBrowser.Tab tab = browser.open().signIn("admin", adminPassword)) {
            tab.page.navigate("/traces/" + traceId);

            // Then the call shows with its name, size and arguments, and no empty-answer warning
            assertThat(tab.page.locator("#tool-calls .tool-name").textContent()).isEqualTo("get_weather");
            assertThat(tab.page.locator("#tool-calls .tool-size").textContent()).contains("27 bytes");
            assertThat(tab.page.locator("#tool-calls .tool-arguments").textContent())
                    .isEqualTo("{\"city\":\"Zürich\",\"days\":3}");
            assertThat(tab.page.locator("#answer .alert").count()).isZero();
            assertThat(tab.consoleErrors).isEmpty();
        }

        // When a viewer opens it
        try (ConsoleBrowser.Tab tab = browser.open().signIn(viewer, "viewer-password-123")) {
            tab.page.navigate("/traces/" + traceId);

            // Then the name and size show, the arguments do not, not even in the raw JSON
            assertThat(tab.page.locator("#tool-calls .tool-name").textContent()).isEqualTo("get_weather");
            assertThat(tab.page.locator("#tool-calls .tool-size").textContent()).contains("27 bytes");
            assertThat(tab.page.locator("#tool-calls .tool-arguments").count()).isZero();
            assertThat(tab.page.content()).doesNotContain("Zürich");
        }
    }

    @Test
    void viewerSeesMetadataButNoCapturedText() {
        // Given a captured trace, and a viewer
        Traces traces = traces();
        String traceId = traces.send(
                Map.of("X-Thinkwatch-App", "contracts", "X-Simulator-Reasoning-Tokens", "777"),
                "{\"model\":\"o3\",\"max_completion_tokens\":2000,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"secret prompt text\"}]}");
        String answer = traces.awaitIndexed(traceId).getString("answer");
        String viewer = newUser(UserRole.VIEWER);

        // When the viewer opens it
        try (ConsoleBrowser.Tab tab = browser.open().signIn(viewer, "viewer-password-123")) {
            tab.page.navigate("/traces/" + traceId);

            // Then numbers and attribution show, prompt and answer do not, not even in the raw JSON
            assertThat(tab.page.locator("#tokens-reasoning").textContent()).isEqualTo("777");
            String html = tab.page.content();
            assertThat(html)
                    .contains("contracts")
                    .doesNotContain("secret prompt text")
                    .doesNotContain(answer);
            assertThat(tab.page.locator("#answer .hidden-note").textContent()).contains("metadata only");
            tab.page.locator("#content").scrollIntoViewIfNeeded();
            tab.screenshot("trace-viewer");
            tab.page.locator("#raw summary").click();
            assertThat(tab.page.locator("#raw pre").textContent())
                    .contains(traceId)
                    .doesNotContain("\"answer\"");
        }
    }

    @Test
    void scriptInACapturedAnswerShowsAsTextAndDoesNotRun() throws Exception {
        // Given a provider whose answer and reasoning carry script, captured through capture
        String traceId;
        try (FixtureServer.Lease fixture = FixtureServer.serve(request -> request.body()
                .onSuccess(body -> request.response()
                        .putHeader("content-type", "application/json")
                        .end(xssCompletion())))) {
            Traces traces = traces();
            traceId = traces.send(
                    Map.of("X-Thinkwatch-Upstream", "fixture"),
                    "{\"model\":\"deepseek-reasoner\",\"messages\":[{\"role\":\"user\",\"content\":\"<b>bold?</b>\"}]}");
            traces.awaitIndexed(traceId);
        }

        // When an admin opens the trace
        try (ConsoleBrowser.Tab tab = browser.open().signIn("admin", adminPassword)) {
            tab.page.navigate("/traces/" + traceId);
            tab.page.locator("#raw summary").click();

            // Then the payloads read as text, made no elements, and no dialog opened
            assertThat(tab.page.locator("#answer-text").textContent()).isEqualTo(XSS_ANSWER);
            assertThat(tab.page.locator("#reasoning pre").textContent()).isEqualTo(XSS_REASONING);
            assertThat(tab.page
                            .locator("main img, main script, main svg[onload], main b")
                            .count())
                    .isZero();
            assertThat(tab.dialogs).isEmpty();
            tab.page.locator("#answer").scrollIntoViewIfNeeded();
            tab.screenshot("trace-xss");
        }
    }

    @Test
    void unknownTraceIsExplained() {
        // Given a trace id nobody recorded
        // When an admin opens it
        try (ConsoleBrowser.Tab tab = browser.open().signIn("admin", adminPassword)) {
            var response = tab.page.navigate("/traces/no-such-trace");

            // Then the page says so, with a 404
            assertThat(response.status()).isEqualTo(404);
            assertThat(tab.page.locator("h1").textContent()).isEqualTo("No such trace");
        }
    }

    private static String xssCompletion() {
        return "{\"id\":\"chatcmpl-xss\",\"object\":\"chat.completion\",\"model\":\"deepseek-reasoner\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + json(XSS_ANSWER)
                + ",\"reasoning_content\":" + json(XSS_REASONING) + "},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":40,"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":25}}}";
    }

    private static String json(String text) {
        return Json.encode(text);
    }

    static String newUser(UserRole role) {
        String name = role.wire() + "-" + UUID.randomUUID().toString().substring(0, 8);
        QuarkusTransaction.requiringNew().run(() -> User.create("default", name, role.wire() + "-password-123", role));
        return name;
    }
}
