package io.thinkwatch.console.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** Admins preview a rule with a backtest, save it, and turn it off; the compiler's messages reach the form. */
@QuarkusTest
class RulesPageIT extends PageInBrowser {

    @Test
    void adminPreviewsABacktestThenSavesAndDisablesTheRule() {
        // Given two stored calls of one app, one reasoning 6,000 tokens and one 500
        String app = "planner-" + UUID.randomUUID().toString().substring(0, 8);
        Traces traces = traces();
        String body = "{\"model\":\"o3-mini\",\"max_completion_tokens\":9000,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Plan the week\"}]}";
        traces.awaitIndexed(traces.send(Map.of("X-Thinkwatch-App", app, "X-Simulator-Reasoning-Tokens", "6000"), body));
        traces.awaitIndexed(traces.send(Map.of("X-Thinkwatch-App", app, "X-Simulator-Reasoning-Tokens", "500"), body));
        String name = "Long reasoning in " + app;

        try (ConsoleBrowser.Tab admin = browser.open().signIn("admin", adminPassword)) {
            // When an admin drafts a rule for that app and runs its backtest over the default range
            admin.page.navigate("/rules/new");
            admin.consoleErrors.clear(); // only this page's errors count, not the landing page's
            admin.page
                    .getByLabel("Name", new Page.GetByLabelOptions().setExact(true))
                    .fill(name);
            admin.page.getByLabel("Kind").selectOption("reasoning_tokens_above");
            admin.page.locator("#rule-params").fill("threshold: 5000");
            admin.page.locator("#rule-app").fill(app);
            admin.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run backtest"))
                    .click();

            // Then the preview says one of the two calls matched, and nothing is saved yet
            Locator result = admin.page.locator("#backtest-result");
            result.waitFor();
            assertThat(result.locator(".scanned").textContent()).isEqualTo("2");
            assertThat(result.locator(".matched").textContent()).isEqualTo("1");
            assertThat(admin.page.locator("#backtest-findings").textContent()).contains("app=" + app);
            admin.screenshot("rule-backtest");
            assertThat(ruleNames()).doesNotContain(name);

            // When they save it
            admin.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save rule"))
                    .click();
            admin.page.waitForURL("**/rules?saved=*");

            // Then the list shows it enabled
            Locator row = admin.page.locator("#rules tr[data-rule='" + name + "']");
            assertThat(row.locator(".state").textContent()).contains("enabled");
            admin.screenshot("rules");

            // When they disable it from the list
            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Disable " + name))
                    .click();
            admin.page.waitForURL("**/rules?saved=*");

            // Then the list and the API say it is disabled
            assertThat(admin.page
                            .locator("#rules tr[data-rule='" + name + "'] .state")
                            .textContent())
                    .contains("disabled");
            assertThat(given().port(consolePort)
                            .auth()
                            .oauth2(adminToken)
                            .get("/api/v1/rules")
                            .jsonPath()
                            .getBoolean("items.find { it.name == '" + name + "' }.enabled"))
                    .isFalse();
            assertThat(admin.consoleErrors).isEmpty();
        }
    }

    @Test
    void compilerMessagesNameTheBadField() {
        try (ConsoleBrowser.Tab admin = browser.open().signIn("admin", adminPassword)) {
            // Given an admin drafting a rule with a threshold that is not a number
            admin.page.navigate("/rules/new");
            admin.consoleErrors.clear(); // only this page's errors count, not the landing page's
            admin.page
                    .getByLabel("Name", new Page.GetByLabelOptions().setExact(true))
                    .fill("Bad threshold " + UUID.randomUUID());
            admin.page.getByLabel("Kind").selectOption("reasoning_tokens_above");
            admin.page.locator("#rule-params").fill("threshold: lots");

            // When they save it
            admin.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save rule"))
                    .click();

            // Then the form names the field and reason, and keeps what they typed
            assertThat(admin.page.locator("[role=alert]").textContent()).contains("params.threshold");
            assertThat(admin.page.locator("#rule-params").inputValue()).isEqualTo("threshold: lots");
        }
    }

    @Test
    void viewerReadsRulesButCannotChangeThem() {
        String viewer = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        // Given a viewer, added by the admin
        ConsoleSession admin = ConsoleSession.signIn(consolePort, "admin", adminPassword);
        given().port(consolePort)
                .cookie(ConsoleSession.SESSION, admin.sessionCookie())
                .cookie(ConsoleSession.CSRF, admin.csrfToken())
                .redirects()
                .follow(false)
                .formParam(ConsoleSession.CSRF_FIELD, admin.csrfToken())
                .formParam("username", viewer)
                .formParam("password", "a-long-viewer-password")
                .formParam("role", "viewer")
                .post("/users")
                .then()
                .statusCode(303);
        try (ConsoleBrowser.Tab tab = browser.open().signIn(viewer, "a-long-viewer-password")) {
            // When they open the rules, then they see them without buttons, and the new-rule form is refused
            tab.page.navigate("/rules");
            assertThat(tab.page.locator("#rules tbody tr").count()).isPositive();
            assertThat(tab.page
                            .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disable"))
                            .count())
                    .isZero();
            assertThat(tab.page.navigate("/rules/new").status()).isEqualTo(403);
        }
    }

    private java.util.List<String> ruleNames() {
        return given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .get("/api/v1/rules")
                .jsonPath()
                .getList("items.name");
    }
}
