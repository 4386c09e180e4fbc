package io.thinkwatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** Admins add users in a real browser; the new user can sign in with the role they were given. */
@QuarkusTest
class UsersPageIT extends PageInBrowser {

    @Test
    void adminAddsAReviewerWhoCanSignIn() {
        // Given an admin on the users page
        String name = "reviewer-" + UUID.randomUUID().toString().substring(0, 8);
        try (ConsoleBrowser.Tab admin = browser.open().signIn("admin", adminPassword)) {
            admin.page.navigate("/users");

            // When they add a reviewer
            admin.page.getByLabel("User name").fill(name);
            admin.page.getByLabel("Password").fill("a-long-reviewer-password");
            admin.page.getByLabel("Role").selectOption("reviewer");
            admin.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add user"))
                    .click();
            admin.page.waitForURL("**/users?created=" + name);

            // Then the list shows them, and they can sign in as a reviewer
            assertThat(admin.page.locator("#users").textContent()).contains(name);
            assertThat(admin.consoleErrors).isEmpty();
            admin.screenshot("users");
        }
        try (ConsoleBrowser.Tab reviewer = browser.open().signIn(name, "a-long-reviewer-password")) {
            assertThat(reviewer.page.locator("header .role").textContent()).isEqualTo("reviewer");
        }
    }

    @Test
    void shortPasswordIsRefusedWithTheReason() {
        // Given an admin on the users page
        try (ConsoleBrowser.Tab admin = browser.open().signIn("admin", adminPassword)) {
            admin.page.navigate("/users");

            // When they try a short password (the browser's own check is skipped, as a script could)
            admin.page.locator("#new-password").evaluate("e => e.removeAttribute('minlength')");
            admin.page.getByLabel("User name").fill("short-pw-user");
            admin.page.getByLabel("Password").fill("short");
            admin.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add user"))
                    .click();

            // Then the form names the field and the rule, and keeps the name typed
            assertThat(admin.page.locator("[role=alert]").textContent()).contains("Password: at least 12 characters");
            assertThat(admin.page.getByLabel("User name").inputValue()).isEqualTo("short-pw-user");
        }
    }
}
