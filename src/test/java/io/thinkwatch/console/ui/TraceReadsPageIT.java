package io.thinkwatch.console.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.thinkwatch.security.UserRole;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * Reads of captured text in the console, in a real browser: a reviewer's opening of a trace page and their search
 * page are audited, a viewer's are not, and the audit page answers who read a trace.
 */
@QuarkusTest
class TraceReadsPageIT extends PageInBrowser {

    private String capture(String app) {
        Traces traces = traces();
        String traceId = traces.send(
                Map.of("X-Thinkwatch-App", app),
                "{\"model\":\"o3\",\"messages\":[{\"role\":\"user\",\"content\":\"Which lake is deepest?\"}]}");
        traces.awaitIndexed(traceId);
        return traceId;
    }

    @Test
    void auditPageNamesTheReviewerWhoOpenedATraceAndNotTheViewer() {
        // Given a trace opened in the console by a reviewer and by a viewer
        String traceId = capture("reads-page-" + UUID.randomUUID().toString().substring(0, 8));
        String reviewer = TracePageIT.newUser(UserRole.REVIEWER);
        String viewer = TracePageIT.newUser(UserRole.VIEWER);
        try (ConsoleBrowser.Tab tab = browser.open().signIn(reviewer, "reviewer-password-123")) {
            tab.page.navigate("/traces/" + traceId);
            tab.page.locator("#answer-text").waitFor();
        }
        try (ConsoleBrowser.Tab tab = browser.open().signIn(viewer, "viewer-password-123")) {
            tab.page.navigate("/traces/" + traceId);
            tab.page.locator("#tokens-reasoning").waitFor();
        }

        // When an admin asks the audit page who read the trace
        try (ConsoleBrowser.Tab admin = browser.open().signIn("admin", adminPassword)) {
            admin.page.navigate("/audit");
            admin.page.locator("#reads-link").click();
            admin.page.getByLabel("Trace id").fill(traceId);
            admin.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Who read it"))
                    .click();
            admin.page.waitForURL("**/audit/reads?traceId=*");

            // Then the reviewer is listed once, reading the prompt, answer and reasoning, and the viewer not at all
            Locator reviewerRows = admin.page.locator("#reads tbody tr[data-actor='" + reviewer + "']");
            assertThat(reviewerRows.count()).isEqualTo(1);
            assertThat(reviewerRows.textContent()).contains("trace.read", "answer", "request.messages");
            assertThat(admin.page
                            .locator("#reads tr[data-actor='" + viewer + "']")
                            .count())
                    .isZero();
            assertThat(admin.consoleErrors).isEmpty();
            admin.screenshot("audit-reads");
        }
    }

    @Test
    void reviewersSearchPageIsOneReadOfTheAnswersItShows() {
        // Given a trace of an app of its own, and a reviewer
        String app = "reads-search-" + UUID.randomUUID().toString().substring(0, 8);
        String traceId = capture(app);
        String reviewer = TracePageIT.newUser(UserRole.REVIEWER);

        // When the reviewer lists the app's traces on the traces page
        try (ConsoleBrowser.Tab tab = browser.open().signIn(reviewer, "reviewer-password-123")) {
            tab.page.navigate("/traces?app=" + app);
            tab.page.locator("#traces tr[data-trace-id='" + traceId + "']").waitFor();
        }

        // Then one read is recorded, from the console's search, of that trace's answer
        JsonPath entries = given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .get("/api/v1/audit?action=trace.read&actor=" + reviewer)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(entries.getList("items")).hasSize(1);
        assertThat(entries.getString("items[0].detail.via")).isEqualTo("console.search");
        assertThat(entries.getList("items[0].detail.traceIds")).containsExactly(traceId);
        assertThat(entries.getList("items[0].detail.fields")).containsExactly("answer");
    }
}
