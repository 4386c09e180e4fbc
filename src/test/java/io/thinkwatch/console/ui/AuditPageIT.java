package io.thinkwatch.console.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * An admin's afternoon in the console (a rule previewed, saved and disabled; a channel created and tested)
 * shows up in the audit log page, whose chain check passes.
 */
@QuarkusTest
class AuditPageIT extends PageInBrowser {

    static final WireMockServer RECEIVER =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @BeforeAll
    static void start() {
        RECEIVER.start();
    }

    @AfterAll
    static void stop() {
        RECEIVER.stop();
    }

    @Test
    void consoleChangesAppearInTheAuditLog() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String rule = "Slow calls " + suffix;
        String channel = "team-slack-" + suffix;
        RECEIVER.stubFor(post(urlEqualTo("/slack/" + suffix))
                .willReturn(aResponse().withStatus(200).withBody("ok")));

        try (ConsoleBrowser.Tab admin = browser.open().signIn("admin", adminPassword)) {
            // Given an admin who previews a rule, saves it and disables it
            admin.page.navigate("/rules/new");
            admin.consoleErrors.clear(); // only this page's errors count, not the landing page's
            admin.page
                    .getByLabel("Name", new Page.GetByLabelOptions().setExact(true))
                    .fill(rule);
            admin.page.getByLabel("Kind").selectOption("latency_above");
            admin.page.locator("#rule-params").fill("thresholdMs: 120000");
            admin.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run backtest"))
                    .click();
            admin.page.locator("#backtest-result").waitFor();
            admin.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save rule"))
                    .click();
            admin.page.waitForURL("**/rules?saved=*");
            admin.page
                    .locator("#rules tr[data-rule='" + rule + "']")
                    .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Disable " + rule))
                    .click();
            admin.page.waitForURL("**/rules?saved=*");

            // And who creates a Slack channel and tests it
            admin.page.navigate("/channels/new?kind=slack");
            admin.page.getByLabel("Name").fill(channel);
            admin.page.getByLabel("URL").fill("http://127.0.0.1:" + RECEIVER.port() + "/slack/" + suffix);
            admin.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create channel"))
                    .click();
            admin.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send a test message"))
                    .click();
            assertThat(admin.page.locator("#notice").textContent()).contains("Test message delivered");

            // When they open the audit log
            admin.page.navigate("/audit?actor=admin");

            // Then each of those changes is listed with its target, and their sign-in too
            Locator rows = admin.page.locator("#audit tbody tr");
            assertThat(rows.filter(has("rule.create")).filter(has(rule)).count())
                    .isEqualTo(1);
            assertThat(rows.filter(has("rule.disable")).filter(has(rule)).count())
                    .isEqualTo(1);
            assertThat(rows.filter(has("channel.create")).filter(has(channel)).count())
                    .isEqualTo(1);
            assertThat(rows.filter(has("channel.test")).filter(has(channel)).count())
                    .isEqualTo(1);
            assertThat(admin.page
                            .locator("#audit tbody tr[data-action='login']")
                            .count())
                    .isPositive();
            assertThat(admin.page.content()).doesNotContain("/slack/" + suffix);

            // And the chain check passes
            admin.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify the chain"))
                    .click();
            assertThat(admin.page.locator("#chain-status").textContent()).contains("intact");
            assertThat(admin.consoleErrors).isEmpty();
            admin.screenshot("audit");
        }
    }

    private static Locator.FilterOptions has(String text) {
        return new Locator.FilterOptions().setHasText(text);
    }
}
