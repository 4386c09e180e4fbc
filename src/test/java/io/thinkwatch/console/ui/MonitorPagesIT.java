package io.thinkwatch.console.ui;

import static io.restassured.RestAssured.given;
import static io.thinkwatch.rules.TraceBuilder.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.thinkwatch.model.Evidence;
import io.thinkwatch.model.Finding;
import io.thinkwatch.model.FindingIds;
import io.thinkwatch.model.MonitorVerdict;
import io.thinkwatch.model.RuleKind;
import io.thinkwatch.model.Severity;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.Unit;
import io.thinkwatch.platform.Topics;
import io.thinkwatch.review.FindingState;
import io.thinkwatch.review.ReviewService;
import io.thinkwatch.rules.TestKafka;
import io.thinkwatch.security.Caller;
import io.thinkwatch.security.UserRole;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a reviewer sees of the reasoning monitor, in a real browser: the evidence marked inside the reasoning on the
 * trace page (as text, never as markup), the verdict and its quotes on the finding page (a read of captured text,
 * audited; hidden from a viewer), and each rule's precision over the findings reviewers judged.
 */
@QuarkusTest
class MonitorPagesIT extends PageInBrowser {

    /** Reasoning with markup in it: it must read as text around the marked evidence. */
    static final String REASONING =
            "The grader checks <b>only</b> the sample. I'll hard-code the expected output <img src=x onerror=alert(1)>.";

    static final String CUE = "hard-code the expected output";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ObjectMapper mapper;

    @Inject
    ReviewService reviews;

    /** A stored call of the console's tenant with {@link #REASONING}, and a monitor finding on it. */
    private Finding judgedCall(String ruleId) throws Exception {
        TraceEvent trace = call().tenant("default")
                .app("monitor-pages")
                .reasoningText(REASONING)
                .answer("Done.")
                .at(Instant.now())
                .build();
        try (TestKafka kafka = new TestKafka(bootstrap)) {
            kafka.send(Topics.TRACES, trace.traceId(), mapper.writeValueAsString(trace));
        }
        traces().awaitIndexed(trace.traceId());
        int start = REASONING.indexOf(CUE);
        return file(ruleId, trace.traceId(), new Evidence(start, start + CUE.length(), "hard_code_expected"));
    }

    private Finding file(String ruleId, String traceId, Evidence evidence) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String group = "app=monitor-pages|trace=" + traceId;
        Finding finding = new Finding(
                FindingIds.of(ruleId, group, now),
                "default",
                ruleId,
                "Reward hacking " + ruleId,
                RuleKind.REASONING_MONITOR,
                Severity.WARNING,
                group,
                now,
                now.plusSeconds(3600),
                now,
                now,
                1,
                List.of(traceId),
                "monitor-pages",
                "o3",
                0.82,
                0.5,
                Unit.SCORE,
                100L,
                null,
                null,
                "reward_hacking: hard_code_expected",
                List.of(),
                new MonitorVerdict("reward_hacking", 0.82, MonitorVerdict.BUILT_IN, List.of(evidence)));
        QuarkusTransaction.requiringNew().run(() -> reviews.upsert(finding));
        return finding;
    }

    @Test
    void theTracePageMarksTheEvidenceInsideTheReasoningAndShowsTheVerdict() throws Exception {
        // Given a call whose reasoning holds markup, and a monitor finding with one evidence span in it
        Finding finding = judgedCall("rule-" + UUID.randomUUID());
        String traceId = finding.traceIds().get(0);

        // When an admin opens the trace
        try (ConsoleBrowser.Tab tab = browser.open().signIn("admin", adminPassword)) {
            tab.page.navigate("/traces/" + traceId);

            // Then the span is marked, the reasoning reads as the text it is (no element made from it), and the
            // verdict shows its category, score and judge
            assertThat(tab.page.locator("#reasoning-text mark.evidence").allTextContents())
                    .containsExactly(CUE);
            assertThat(tab.page.locator("#reasoning-text").textContent()).isEqualTo(REASONING);
            assertThat(tab.page.locator("main b, main img").count()).isZero();
            assertThat(tab.page.locator("#verdicts .verdict-category").textContent())
                    .isEqualTo("reward_hacking");
            assertThat(tab.page.locator("#verdicts .verdict-score").textContent())
                    .isEqualTo("0.82");
            assertThat(tab.page.locator("#verdicts .verdict-judge").textContent())
                    .isEqualTo("built-in");
            assertThat(tab.consoleErrors).isEmpty();
            tab.page.locator("#reasoning").scrollIntoViewIfNeeded();
            tab.screenshot("trace-monitor-evidence");
        }
    }

    @Test
    void theFindingPageQuotesTheEvidenceAndRecordsTheRead() throws Exception {
        // Given a monitor finding on a stored call (whose reads so far are the test's own, through the API)
        Finding finding = judgedCall("rule-" + UUID.randomUUID());
        String traceId = finding.traceIds().get(0);
        int readsBefore = reads(traceId).getList("items").size();

        // When an admin opens the finding
        try (ConsoleBrowser.Tab tab = browser.open().signIn("admin", adminPassword)) {
            tab.page.navigate("/review/" + finding.findingId());

            // Then the evidence is quoted from the call's reasoning, with its cue
            assertThat(tab.page.locator("#verdicts .evidence-quotes q").allTextContents())
                    .containsExactly(CUE);
            assertThat(tab.page.locator("#verdicts .evidence-quotes code").allTextContents())
                    .containsExactly("hard_code_expected");
            tab.screenshot("finding-monitor-evidence");
        }

        // And the quote was recorded as one more read, of the call's reasoning only, by the admin who signed in
        JsonPath reads = reads(traceId);
        assertThat(reads.getList("items")).hasSize(readsBefore + 1);
        assertThat(reads.getList("items[0].fields", String.class)).containsExactly("reasoningText");
        assertThat(reads.getString("items[0].actor")).doesNotStartWith("token:");
    }

    private JsonPath reads(String traceId) {
        return given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .get("/api/v1/audit/reads?traceId=" + traceId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void aViewerSeesTheVerdictButNoQuoteAndReadsNothing() throws Exception {
        // Given a monitor finding on a stored call, and a viewer
        Finding finding = judgedCall("rule-" + UUID.randomUUID());
        String traceId = finding.traceIds().get(0);
        String viewer = TracePageIT.newUser(UserRole.VIEWER);

        // When the viewer opens the finding and the trace
        try (ConsoleBrowser.Tab tab = browser.open().signIn(viewer, "viewer-password-123")) {
            tab.page.navigate("/review/" + finding.findingId());
            String findingPage = tab.page.content();
            String note = tab.page.locator("#quote-note").textContent();
            tab.page.navigate("/traces/" + traceId);

            // Then the verdict shows, the reasoning and its quotes do not, and no read was recorded
            assertThat(findingPage).contains("reward_hacking").doesNotContain("hard-code the expected");
            assertThat(note).contains("not its text");
            assertThat(tab.page.locator("#verdicts .verdict-category").textContent())
                    .isEqualTo("reward_hacking");
            assertThat(tab.page.content()).doesNotContain("hard-code the expected");
        }
        assertThat(given().port(consolePort)
                        .auth()
                        .oauth2(adminToken)
                        .get("/api/v1/audit/reads?actor=" + viewer)
                        .jsonPath()
                        .getList("items"))
                .isEmpty();
    }

    @Test
    void theRulesPageShowsEachMonitorsPrecisionOverReviewedFindings() {
        // Given a monitor rule with four findings: two confirmed, one false positive, one not yet judged
        int rule = given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"precision-" + UUID.randomUUID().toString().substring(0, 8)
                        + "\",\"kind\":\"reasoning_monitor\",\"enabled\":false,"
                        + "\"params\":{\"categories\":[\"reward_hacking\"]}}")
                .post("/api/v1/rules")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String ruleId = String.valueOf(rule);
        List<FindingState> states =
                List.of(FindingState.CONFIRMED, FindingState.CONFIRMED, FindingState.FALSE_POSITIVE, FindingState.OPEN);
        Caller admin = new Caller("admin", "default");
        for (FindingState state : states) {
            Finding finding = file(ruleId, "t-" + UUID.randomUUID(), new Evidence(0, 3, "cue"));
            if (state != FindingState.OPEN) {
                reviews.transition(admin, finding.findingId(), state, null);
            }
        }

        // When an admin opens the rules page
        try (ConsoleBrowser.Tab tab = browser.open().signIn("admin", adminPassword)) {
            tab.page.navigate("/rules");

            // Then the rule's precision is two of the three judged findings
            String precision = tab.page
                    .locator("#rules tr:has(a[href='/rules/" + rule + "']) td.precision")
                    .textContent();
            assertThat(precision).contains("66.7%").contains("of 3 reviewed");
            tab.screenshot("rules-precision");
        }
    }
}
