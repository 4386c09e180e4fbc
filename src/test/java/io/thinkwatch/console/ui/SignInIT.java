package io.thinkwatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** Signing in and out of the console in a real browser. */
@QuarkusTest
class SignInIT extends PageInBrowser {

    @Test
    void pageWithoutSessionLeadsToTheLoginForm() {
        // Given a browser that never signed in
        try (ConsoleBrowser.Tab tab = browser.open()) {
            // When it opens a trace page
            tab.page.navigate("/traces/some-trace");

            // Then it is on the login form, with no script errors
            assertThat(tab.page.url()).endsWith("/login");
            assertThat(tab.page.locator("h1").textContent()).isEqualTo("Sign in");
            assertThat(tab.consoleErrors).isEmpty();
            tab.screenshot("login");
        }
    }

    @Test
    void adminSignsInAndLandsOnTheOverview() {
        // Given the first-start admin
        try (ConsoleBrowser.Tab tab = browser.open()) {
            // When they sign in
            tab.signIn("admin", adminPassword);

            // Then the overview shows, with their name and role in the header
            assertThat(tab.page.locator("h1").textContent()).startsWith("Overview");
            assertThat(tab.page.locator("header .user").textContent()).isEqualTo("admin");
            assertThat(tab.page.locator("header .role").textContent()).isEqualTo("platform_admin");
        }
    }

    @Test
    void wrongPasswordIsRefusedWithAMessage() {
        // Given the login form
        try (ConsoleBrowser.Tab tab = browser.open()) {
            // When a wrong password is entered
            tab.signIn("admin", "not-the-password");

            // Then the form says so and no session exists
            assertThat(tab.page.locator("[role=alert]").textContent()).contains("Sign-in failed");
            assertThat(tab.page.context().cookies()).noneMatch(c -> c.name.equals(ConsoleSession.SESSION));
        }
    }

    @Test
    void signingOutEndsTheSession() {
        // Given a signed-in admin
        try (ConsoleBrowser.Tab tab = browser.open().signIn("admin", adminPassword)) {
            // When they sign out
            tab.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))
                    .click();
            tab.page.waitForURL("**/login?signed-out=true");

            // Then the session cookie is gone and pages ask for a login again
            assertThat(tab.page.locator("[role=status]").textContent()).contains("signed out");
            assertThat(tab.page.context().cookies()).noneMatch(c -> c.name.equals(ConsoleSession.SESSION));
            tab.page.navigate("/");
            assertThat(tab.page.url()).endsWith("/login");
        }
    }
}
