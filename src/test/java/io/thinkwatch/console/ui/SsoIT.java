package io.thinkwatch.console.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.thinkwatch.security.AuditEntry;
import io.thinkwatch.testing.OidcProvider;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * Single sign-on in a real browser through a real OpenID Connect provider ({@link OidcProvider}): the person clicks
 * "Sign in with single sign-on", signs in at the provider with the claims of their tenant and role, and is in the
 * console; a token Thinkwatch cannot accept ends on a page that says why, with no session.
 */
@QuarkusTest
@TestProfile(SsoIT.SingleSignOn.class)
class SsoIT extends PageInBrowser {

    /** Single sign-on on, against the provider the build's port holds. */
    public static class SingleSignOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("thinkwatch.console.sso.enabled", "true");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OidcProvider.class));
        }
    }

    private static final String PASSWORD = "a-long-enough-password";

    @Test
    void personSignsInThroughTheProviderAndLandsOnTheOverviewOfTheirTenant() {
        // Given a tenant, and a person the provider puts in it as a reviewer
        String tenant = newTenant();
        try (ConsoleBrowser.Tab tab = browser.open()) {
            // When they sign in with single sign-on
            signInAtProvider(
                    tab,
                    tenant + "-sso-reviewer",
                    "{\"thinkwatch_tenant\":\"" + tenant + "\",\"thinkwatch_role\":\"reviewer\"}");
            tab.page.waitForURL(url -> url.equals(console() + "/"));

            // Then the overview shows their name, tenant and role in the header
            assertThat(tab.page.locator("h1").textContent()).startsWith("Overview");
            assertThat(tab.page.locator("header .user").textContent()).isEqualTo(tenant + "-sso-reviewer");
            assertThat(tab.page.locator("header .user").getAttribute("title")).isEqualTo("tenant " + tenant);
            assertThat(tab.page.locator("header .role").textContent()).isEqualTo("reviewer");
            assertThat(auditActions(tenant, tenant + "-sso-reviewer")).containsExactly("login");
        }
    }

    @Test
    void personOfADisabledTenantIsRefusedWithTheReason() {
        // Given a disabled tenant
        String tenant = newTenant();
        given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .contentType("application/json")
                .body("{\"enabled\":false}")
                .put("/api/v1/tenants/{name}", tenant)
                .then()
                .statusCode(200);
        try (ConsoleBrowser.Tab tab = browser.open()) {
            // When the provider signs someone in to it
            signInAtProvider(
                    tab,
                    tenant + "-sso-viewer",
                    "{\"thinkwatch_tenant\":\"" + tenant + "\",\"thinkwatch_role\":\"viewer\"}");
            tab.page.waitForURL(url -> url.equals(console() + "/sso"));

            // Then a page says why, no session exists, and the tenant's audit log has the refusal
            assertThat(tab.page.locator("h1").textContent()).isEqualTo("Single sign-on refused");
            assertThat(tab.page.locator("[role=alert]").textContent())
                    .contains("the tenant '" + tenant + "' is disabled");
            assertThat(tab.page.context().cookies()).noneMatch(c -> c.name.equals(ConsoleSession.SESSION));
            assertThat(auditActions(tenant, tenant + "-sso-viewer")).containsExactly("login.failed");
        }
    }

    @Test
    void tokenWithoutTenantIsRefusedWithTheReason() {
        // Given a provider that gives a role but no tenant
        try (ConsoleBrowser.Tab tab = browser.open()) {
            // When someone signs in through it
            signInAtProvider(tab, "sso-nobody", "{\"thinkwatch_role\":\"admin\"}");
            tab.page.waitForURL(url -> url.equals(console() + "/sso"));

            // Then a page names the missing claim and pages still ask for a sign-in
            assertThat(tab.page.locator("[role=alert]").textContent())
                    .contains("names no tenant (claim 'thinkwatch_tenant')");
            tab.page.navigate("/");
            assertThat(tab.page.url()).endsWith("/login");
        }
    }

    @Test
    void passwordSignInAndApiTokensStillWork() {
        // Given single sign-on on
        try (ConsoleBrowser.Tab tab = browser.open()) {
            // When the admin signs in with a password
            tab.signIn("admin", adminPassword);

            // Then they are in, and API tokens are taken as before
            assertThat(tab.page.locator("header .role").textContent()).isEqualTo("platform_admin");
            given().port(consolePort)
                    .auth()
                    .oauth2(adminToken)
                    .get("/api/v1/tenants")
                    .then()
                    .statusCode(200);
        }
    }

    /** Clicks single sign-on and signs in at the provider's page as {@code username} with these further claims. */
    private static void signInAtProvider(ConsoleBrowser.Tab tab, String username, String claims) {
        tab.page.navigate("/login");
        tab.page
                .getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with single sign-on"))
                .click();
        tab.page.locator("input[name=username]").fill(username);
        tab.page
                .locator("textarea[name=claims]")
                .fill("{\"preferred_username\":\"" + username + "\"," + claims.substring(1));
        tab.page.locator("input[type=submit]").click();
    }

    private String console() {
        return "http://127.0.0.1:" + consolePort;
    }

    private String newTenant() {
        String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
        given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .contentType("application/json")
                .body("{\"name\":\"" + name + "\",\"displayName\":\"Team " + name + "\",\"admin\":{\"username\":\""
                        + name + "-admin\",\"password\":\"" + PASSWORD + "\"}}")
                .post("/api/v1/tenants")
                .then()
                .statusCode(201)
                .body("enabled", equalTo(true));
        return name;
    }

    /** The actions the tenant's audit log holds by {@code actor}, oldest first. */
    private static List<String> auditActions(String tenant, String actor) {
        return QuarkusTransaction.requiringNew()
                .call(() ->
                        AuditEntry.<AuditEntry>list("tenant = ?1 and actor = ?2 order by seq", tenant, actor).stream()
                                .map(e -> e.action)
                                .toList());
    }
}
