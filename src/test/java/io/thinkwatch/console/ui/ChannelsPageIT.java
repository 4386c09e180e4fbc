package io.thinkwatch.console.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** Admins create a webhook channel, never see its URL again, change it, and send a test to a real receiver. */
@QuarkusTest
class ChannelsPageIT extends PageInBrowser {

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
    void adminCreatesAWebhookSendsATestAndReadsTheLog() {
        // Given a receiver behind a URL whose path is the secret
        String secretPath = "/hooks/" + UUID.randomUUID();
        RECEIVER.stubFor(post(urlEqualTo(secretPath)).willReturn(aResponse().withStatus(200)));
        String name = "ops-hook-" + UUID.randomUUID().toString().substring(0, 8);

        try (ConsoleBrowser.Tab admin = browser.open().signIn("admin", adminPassword)) {
            // When an admin creates a webhook channel for it
            admin.page.navigate("/channels");
            admin.consoleErrors.clear(); // only this page's errors count, not the landing page's
            admin.page.locator("#new-kind").selectOption("webhook");
            admin.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New channel"))
                    .click();
            admin.page.getByLabel("Name").fill(name);
            admin.page.getByLabel("URL").fill("http://127.0.0.1:" + RECEIVER.port() + secretPath);
            admin.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create channel"))
                    .click();

            // Then the generated signing secret is shown this once
            assertThat(admin.page.locator("#signing-secret").textContent()).contains("whsec_");

            // And the channel's own page never shows the URL's secret path, not even in the form
            admin.page.navigate("/channels");
            admin.page
                    .getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name))
                    .click();
            assertThat(admin.page.content()).doesNotContain(secretPath).doesNotContain("whsec_");
            assertThat(admin.page.locator("#setting-url").inputValue()).isEmpty();

            // When they change the severity, leaving the URL empty, and send a test
            admin.page.getByLabel("Notify from severity").selectOption("critical");
            admin.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save channel"))
                    .click();
            assertThat(admin.page.locator("#notice").textContent()).contains("Channel saved");
            admin.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send a test message"))
                    .click();

            // Then the stored URL was kept: the receiver got the test, and the log shows it delivered
            assertThat(admin.page.locator("#notice").textContent()).contains("Test message delivered");
            assertThat(admin.page.locator("#tests .outcome").first().textContent())
                    .isEqualTo("test_ok");
            assertThat(admin.page.locator("#channel-severity").inputValue()).isEqualTo("critical");
            RECEIVER.verify(1, postRequestedFor(urlEqualTo(secretPath)));
            assertThat(admin.consoleErrors).isEmpty();
            admin.screenshot("channel");
        }
    }

    @Test
    void badSettingsAreNamedAndNothingIsCreated() {
        try (ConsoleBrowser.Tab admin = browser.open().signIn("admin", adminPassword)) {
            // Given the new Slack channel form, when the URL is not a URL
            admin.page.navigate("/channels/new?kind=slack");
            admin.consoleErrors.clear(); // only this page's errors count, not the landing page's
            admin.page.getByLabel("Name").fill("bad-slack");
            admin.page.locator("#setting-url").evaluate("e => e.type = 'text'");
            admin.page.getByLabel("URL").fill("not a url");
            admin.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create channel"))
                    .click();

            // Then the form names the setting
            assertThat(admin.page.locator("[role=alert]").textContent()).contains("settings.url");
            admin.page.navigate("/channels");
            assertThat(admin.page.content()).doesNotContain("bad-slack");
        }
    }
}
