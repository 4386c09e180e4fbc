package io.thinkwatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.thinkwatch.security.UserRole;
import io.thinkwatch.testing.FixtureServer;
import io.vertx.core.json.Json;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** The traces page in a real browser: a search by a word of an answer, sorting, the URL, and what a viewer sees. */
@QuarkusTest
class TracesPageIT extends PageInBrowser {

    @Test
    void searchByAWordOfTheAnswerFindsTheTraceAndOpensIt() throws Exception {
        // Given a captured call whose answer holds a word no other answer has
        String word = "wombat" + letters();
        String app = "search-" + letters();
        String traceId = captureAnswer(app, "Take the " + word + " route along the river; it is shortest.");

        // When an admin types the word into the search box and searches
        try (ConsoleBrowser.Tab tab = browser.open().signIn("admin", adminPassword)) {
            tab.page.navigate("/traces");
            tab.page.getByLabel("Words in the answer, reasoning or prompt").fill(word);
            tab.page
                    .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search"))
                    .click();
            Locator row = tab.page.locator("#traces tr[data-trace-id='" + traceId + "']");
            row.waitFor();

            // Then the trace is the one match, the URL holds the search, and the link opens the trace
            assertThat(tab.page.locator("#traces tbody tr").count()).isEqualTo(1);
            assertThat(tab.page.url()).contains("q=" + word);
            assertThat(row.textContent()).contains(app, word);
            assertThat(tab.consoleErrors).isEmpty();
            tab.screenshot("traces");
            row.locator("a").first().click();
            tab.page.waitForURL("**/traces/" + traceId);
            assertThat(tab.page.locator("#answer-text").textContent()).contains(word);
        }
    }

    @Test
    void aColumnHeaderSortsAndTheLinkReproducesTheSort() {
        // Given two calls of one app, one with far more reasoning
        Traces traces = traces();
        String app = "sort-" + letters();
        String body = "{\"model\":\"o3\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String small = traces.send(Map.of("X-Thinkwatch-App", app, "X-Simulator-Reasoning-Tokens", "50"), body);
        String big = traces.send(Map.of("X-Thinkwatch-App", app, "X-Simulator-Reasoning-Tokens", "3000"), body);
        traces.awaitIndexed(small);
        traces.awaitIndexed(big);

        // When an admin filters by the app and sorts by reasoning tokens
        try (ConsoleBrowser.Tab tab = browser.open().signIn("admin", adminPassword)) {
            tab.page.navigate("/traces?app=" + app + "&sort=usage.reasoningTokens");
            tab.page.locator("#traces").waitFor();
            tab.page
                    .locator("#traces th a", new Page.LocatorOptions().setHasText("Reasoning tokens"))
                    .click();
            tab.page.waitForURL(url -> url.contains("sort=-usage.reasoningTokens"));
            tab.page.locator("#traces").waitFor();

            // Then the bigger spender comes first, and the header says how the column is sorted
            assertThat(tab.page.locator("#traces tbody tr").first().getAttribute("data-trace-id"))
                    .isEqualTo(big);
            assertThat(tab.page.locator("#traces tbody tr").count()).isEqualTo(2);
            assertThat(tab.page.locator("th[aria-sort=descending]").textContent())
                    .contains("Reasoning tokens");
        }
    }

    @Test
    void emptyAndInvalidSearchesAreExplained() {
        // Given an admin
        try (ConsoleBrowser.Tab tab = browser.open().signIn("admin", adminPassword)) {
            // When they search for an app nobody has, and then with a time that is no time
            tab.page.navigate("/traces?app=no-such-app-" + letters());
            String empty = tab.page.locator("#no-results").textContent();
            tab.page.navigate("/traces?from=yesterday");
            String invalid = tab.page.locator("#results [role=alert]").textContent();

            // Then each says what happened and what to do
            assertThat(empty).contains("No traces match this search");
            assertThat(invalid).contains("This search cannot run", "from:");
        }
    }

    @Test
    void viewerListsMetadataButCannotSearchOrReadText() throws Exception {
        // Given a captured answer, and a viewer
        String word = "okapi" + letters();
        String app = "viewer-list-" + letters();
        String traceId = captureAnswer(app, "The " + word + " answer is private.");
        String viewer = TracePageIT.newUser(UserRole.VIEWER);

        // When the viewer opens a link that searches the word within the app
        try (ConsoleBrowser.Tab tab = browser.open().signIn(viewer, "viewer-password-123")) {
            tab.page.navigate("/traces?app=" + app + "&q=" + word);
            tab.page.locator("#traces tr[data-trace-id='" + traceId + "']").waitFor();

            // Then the app's trace is listed by metadata, without the words, the box or the answer
            assertThat(tab.page.locator("[role=status].alert").textContent()).contains("metadata only");
            assertThat(tab.page.locator("input[name=q]").count()).isZero();
            assertThat(tab.page
                            .locator("#traces th", new Page.LocatorOptions().setHasText("Answer"))
                            .count())
                    .isZero();
            assertThat(tab.page.content()).doesNotContain("is private");
            tab.screenshot("traces-viewer");
        }
    }

    /** A call through capture to a provider that answers {@code answer}; its trace id once indexed. */
    private String captureAnswer(String app, String answer) throws Exception {
        try (FixtureServer.Lease fixture = FixtureServer.serve(request -> request.body()
                .onSuccess(body -> request.response()
                        .putHeader("content-type", "application/json")
                        .end(completion(answer))))) {
            Traces traces = traces();
            String traceId = traces.send(
                    Map.of("X-Thinkwatch-Upstream", "fixture", "X-Thinkwatch-App", app),
                    "{\"model\":\"deepseek-reasoner\",\"messages\":[{\"role\":\"user\",\"content\":\"Which route?\"}]}");
            traces.awaitIndexed(traceId);
            return traceId;
        }
    }

    private static String completion(String answer) {
        return "{\"id\":\"chatcmpl-search\",\"object\":\"chat.completion\",\"model\":\"deepseek-reasoner\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + Json.encode(answer)
                + ",\"reasoning_content\":\"thinking\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":40,"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":25}}}";
    }

    /** Eight random lowercase letters: one token for the search analyzer, unique per test. */
    static String letters() {
        return UUID.randomUUID()
                .toString()
                .replaceAll("[^a-f]", "")
                .concat("abcdefgh")
                .substring(0, 8);
    }
}
