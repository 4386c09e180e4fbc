package io.thinkwatch.console.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.thinkwatch.model.Finding;
import io.thinkwatch.model.FindingIds;
import io.thinkwatch.model.RuleKind;
import io.thinkwatch.model.Severity;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.Unit;
import io.thinkwatch.review.FindingState;
import io.thinkwatch.review.ReviewService;
import io.thinkwatch.rules.CompiledRule;
import io.thinkwatch.rules.FindingMerge;
import io.thinkwatch.rules.TestRules;
import io.thinkwatch.rules.TraceBuilder;
import io.thinkwatch.rules.evaluators.MemoryState;
import io.thinkwatch.security.UserRole;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** The review queue in a real browser: a finding from its trace, acknowledged with a note, bulk moves, viewers. */
@QuarkusTest
class ReviewQueuePageIT extends PageInBrowser {

    @Inject
    ReviewService store;

    @Test
    void reviewerAcknowledgesAFindingOfATraceWithANoteAndSeesItInTheHistory() {
        // Given a captured call and a finding that lists it
        Traces traces = traces();
        String traceId = traces.send(
                Map.of("X-Thinkwatch-App", "review-ack", "X-Simulator-Scenario", "truncated"),
                "{\"model\":\"o3\",\"max_completion_tokens\":2000,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        traces.awaitIndexed(traceId);
        Finding finding = file(Severity.CRITICAL, "budget ran out before the answer " + tag(), List.of(traceId));
        String reviewer = TracePageIT.newUser(UserRole.REVIEWER);

        // When a reviewer follows the finding from the trace page and acknowledges it with a note
        try (ConsoleBrowser.Tab tab = browser.open().signIn(reviewer, "reviewer-password-123")) {
            tab.page.navigate("/traces/" + traceId);
            tab.page
                    .locator("#findings a", new Page.LocatorOptions().setHasText(finding.message()))
                    .click();
            tab.page.waitForURL("**/review/" + finding.findingId());
            tab.page.getByLabel("Note (optional, kept in the history)").fill("Raised the budget of review-ack to 8000");
            tab.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Acknowledge"))
                    .click();
            tab.page.waitForURL(url -> url.contains("done=acknowledged"));

            // Then the finding is acknowledged, and the history says who did it, how, and why
            assertThat(tab.page.locator("#finding-state").textContent()).isEqualTo("acknowledged");
            String lastStep = tab.page.locator("#history tbody tr").last().textContent();
            assertThat(lastStep).contains(reviewer, "open → acknowledged", "Raised the budget of review-ack to 8000");
            assertThat(store.get("default", finding.findingId()).state()).isEqualTo(FindingState.ACKNOWLEDGED);
            assertThat(tab.consoleErrors).isEmpty();
            tab.page.locator("#history").scrollIntoViewIfNeeded();
            tab.screenshot("finding");
        }
    }

    @Test
    void aSpendWindowFindingReadsOneAmountOfMoney() {
        // Given a cost budget of $100 an hour, crossed with $150.40 in the hour and matched again with $110.40
        CompiledRule rule = TestRules.rule(
                "spend-" + tag(),
                "default",
                "{\"name\":\"spend\",\"kind\":\"spend_window\","
                        + "\"dedupWindow\":\"1d\",\"params\":{\"metric\":\"cost_usd\",\"window\":\"1h\",\"budget\":100}}");
        MemoryState state = new MemoryState();
        Finding finding = null;
        for (String[] call : new String[][] {{"100", "10:00"}, {"50.4032", "10:10"}, {"60", "11:05"}}) {
            Instant at = Instant.parse("2026-11-20T" + call[1] + ":00Z");
            TraceEvent trace =
                    TraceBuilder.call().app("review-spend").cost(call[0]).at(at).build();
            Finding before = finding;
            finding = rule.evaluator()
                    .evaluate(trace, at, state)
                    .map(match -> FindingMerge.merge(before, rule, "all", trace, at, match))
                    .orElse(before);
        }
        Finding filed = finding;
        QuarkusTransaction.requiringNew().run(() -> store.upsert(filed));

        // When an admin opens the finding
        try (ConsoleBrowser.Tab tab = browser.open().signIn("admin", adminPassword)) {
            tab.page.navigate("/review/" + filed.findingId());

            // Then the title and the measured value give the window's spend as one amount in dollars and cents, and
            // the cost says whose cost it is
            assertThat(tab.page.locator("h1").textContent()).contains("$150.40").contains("$100.00");
            assertThat(tab.page.locator("#measured").textContent()).isEqualTo("$150.40 against a limit of $100.00");
            assertThat(tab.page.locator("#matching-cost").textContent()).isEqualTo("$110.40");
            assertThat(tab.page.locator("main").textContent()).doesNotContain("150.403");
        }
    }

    @Test
    void reviewerResolvesTickedFindingsInBulk() {
        // Given two open warnings of one rule
        String rule = "bulk-" + tag();
        Finding first = file(rule, Severity.WARNING, "slow answer " + tag(), List.of());
        Finding second = file(rule, Severity.WARNING, "slow answer " + tag(), List.of());
        String reviewer = TracePageIT.newUser(UserRole.REVIEWER);

        // When a reviewer ticks both in the queue and resolves them with a note
        try (ConsoleBrowser.Tab tab = browser.open().signIn(reviewer, "reviewer-password-123")) {
            tab.page.navigate("/review?severity=warning");
            for (Finding f : List.of(first, second)) {
                tab.page
                        .locator("tr[data-finding-id='" + f.findingId() + "'] input[type=checkbox]")
                        .check();
            }
            tab.page.locator("#bulk-action").selectOption("resolved");
            tab.page.locator("#bulk input[name=note]").fill("fixed by the retry change");
            tab.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply"))
                    .click();

            // Then the page reports two resolved, the filter is kept, and both carry the note
            assertThat(tab.page.locator("#bulk-result").textContent()).contains("2 findings resolved");
            assertThat(tab.page.url()).contains("severity=warning");
            for (Finding f : List.of(first, second)) {
                var view = store.get("default", f.findingId());
                assertThat(view.state()).isEqualTo(FindingState.RESOLVED);
                assertThat(view.history().get(view.history().size() - 1).note()).isEqualTo("fixed by the retry change");
            }
        }
    }

    @Test
    void viewerReadsTheQueueButHasNoActionsAndCannotPostOne() {
        // Given an open finding, and a viewer
        Finding finding = file(Severity.INFO, "reasoning share above normal " + tag(), List.of());
        String viewer = TracePageIT.newUser(UserRole.VIEWER);

        // When the viewer opens the queue and the finding
        try (ConsoleBrowser.Tab tab = browser.open().signIn(viewer, "viewer-password-123")) {
            tab.page.navigate("/review?severity=info");
            tab.page
                    .locator("tr[data-finding-id='" + finding.findingId() + "']")
                    .waitFor();
            int checkboxes = tab.page.locator("#queue input[type=checkbox]").count();
            int bulkForms = tab.page.locator("#bulk").count();
            tab.screenshot("review-queue-viewer");
            tab.page.navigate("/review/" + finding.findingId());

            // Then they read it, with no box to tick and no button to press
            assertThat(checkboxes).isZero();
            assertThat(bulkForms).isZero();
            assertThat(tab.page.locator("#history").textContent()).contains("opened");
            assertThat(tab.page.locator("main form").count()).isZero();
            assertThat(tab.page.locator("#read-only").textContent()).contains("reads findings");
        }
        // And a form posted anyway, with a valid CSRF token, is refused and changes nothing
        ConsoleSession session = ConsoleSession.signIn(consolePort, viewer, "viewer-password-123");
        given().port(consolePort)
                .redirects()
                .follow(false)
                .cookie(ConsoleSession.SESSION, session.sessionCookie())
                .cookie(ConsoleSession.CSRF, session.csrfToken())
                .formParam(ConsoleSession.CSRF_FIELD, session.csrfToken())
                .formParam("state", "resolved")
                .post("/review/{id}/transition", finding.findingId())
                .then()
                .statusCode(403);
        assertThat(store.get("default", finding.findingId()).state()).isEqualTo(FindingState.OPEN);
    }

    @Test
    void overviewCountsOpenFindingsBySeverityAndLinksToThem() {
        // Given an open critical finding
        Finding finding = file(Severity.CRITICAL, "empty answers in checkout " + tag(), List.of());

        // When an admin opens the overview and follows the count of open critical findings
        try (ConsoleBrowser.Tab tab = browser.open().signIn("admin", adminPassword)) {
            tab.page.locator("#open-findings").waitFor();
            String count = tab.page
                    .locator("#open-findings tr[data-severity=critical] td")
                    .nth(1)
                    .textContent();
            tab.page
                    .locator("#open-findings tr[data-severity=critical] td a")
                    .first()
                    .click();
            tab.page.waitForURL(url -> url.contains("/review?state=open&severity=critical"));

            // Then the count includes it and the queue it leads to lists it
            assertThat(Long.parseLong(count.replace(",", ""))).isGreaterThanOrEqualTo(1);
            assertThat(tab.page
                            .locator("tr[data-finding-id='" + finding.findingId() + "']")
                            .count())
                    .isEqualTo(1);
            tab.screenshot("review-queue");
        }
    }

    private Finding file(Severity severity, String message, List<String> traceIds) {
        return file("rule-" + tag(), severity, message, traceIds);
    }

    private Finding file(String rule, Severity severity, String message, List<String> traceIds) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Finding finding = new Finding(
                FindingIds.of(rule, "default|" + UUID.randomUUID(), now),
                "default",
                rule,
                "Rule " + rule,
                RuleKind.BUDGET_EXHAUSTED,
                severity,
                "app=review-it",
                now,
                now.plusSeconds(3600),
                now,
                now,
                Math.max(1, traceIds.size()),
                traceIds,
                "review-it",
                "o3",
                2000.0,
                2000.0,
                Unit.TOKENS,
                2000L,
                2000L,
                null,
                message,
                List.of());
        QuarkusTransaction.requiringNew().run(() -> store.upsert(finding));
        return finding;
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
