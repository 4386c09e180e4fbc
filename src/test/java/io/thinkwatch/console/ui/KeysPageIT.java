package io.thinkwatch.console.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** Admins make a capture key in a real browser, see it once, use it, and revoke it. */
@QuarkusTest
class KeysPageIT extends PageInBrowser {

    private int call(String key) {
        return given().port(capture.port())
                .header("X-Thinkwatch-Key", key)
                .contentType("application/json")
                .body("{\"model\":\"o3\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/chat/completions")
                .statusCode();
    }

    @Test
    void adminMakesAKeyThatWorksUntilRevoked() {
        String name = "browser key " + UUID.randomUUID().toString().substring(0, 8);
        try (ConsoleBrowser.Tab admin = browser.open().signIn("admin", adminPassword)) {
            // Given an admin on the capture keys page
            admin.page.navigate("/keys");

            // When they make a key bound to an app
            admin.page.getByLabel("Name").fill(name);
            admin.page.getByLabel("App").fill("browser-app");
            admin.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make key"))
                    .click();

            // Then the key is shown once, listed as active, and capture accepts it
            String key = admin.page.locator("#key-text").textContent();
            assertThat(key).startsWith("twk_");
            assertThat(admin.page.locator("#keys").textContent()).contains(name).contains("browser-app");
            assertThat(call(key)).isEqualTo(200);
            admin.screenshot("keys");
            admin.page.navigate("/keys");
            assertThat(admin.page.content()).doesNotContain(key);

            // And when they revoke it, the list says so and capture refuses it within five seconds
            admin.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke " + name))
                    .click();
            admin.page.waitForURL("**/keys?revoked=**");
            assertThat(admin.page.locator("[role=status]").textContent()).contains("Revoked " + name);
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> call(key) == 401);
            assertThat(admin.consoleErrors).isEmpty();
        }
    }

    @Test
    void aKeyWithoutANameIsRefusedWithTheReason() {
        try (ConsoleBrowser.Tab admin = browser.open().signIn("admin", adminPassword)) {
            admin.page.navigate("/keys");
            admin.page.locator("#key-name").evaluate("e => e.removeAttribute('required')");

            admin.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make key"))
                    .click();

            assertThat(admin.page.locator("[role=alert]").textContent()).contains("name: required");
        }
    }
}
