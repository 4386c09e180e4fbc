package io.thinkwatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

import io.quarkus.test.junit.QuarkusTest;
import io.thinkwatch.testing.TestTraces;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Locator;

/** The overview's transparency tile in a real browser: how much of each model's reasoning the team could read. */
@QuarkusTest
class TransparencyTilePageIT extends PageInBrowser {

    @Inject
    OpenSearchClient client;

    @Test
    void theTileShowsEachModelsVisibleShareAndCharactersPerToken() throws Exception {
        // Given a model of the console's tenant (many calls, so it is among the top ten) whose calls billed 100
        // reasoning tokens each: half showed 300 characters of reasoning, half none
        String model = "tile-" + UUID.randomUUID().toString().substring(0, 8);
        List<ObjectNode> traces = new ArrayList<>();
        Instant at = Instant.now().minusSeconds(600);
        for (int i = 0; i < 60; i++) {
            ObjectNode t = TestTraces.trace("default", model + "-" + i, at.plusMillis(i));
            t.put("model", model).put("provider", "deepseek");
            ((ObjectNode) t.get("usage")).put("reasoningTokens", 100);
            if (i % 2 == 0) {
                t.put("reasoningText", "r".repeat(300));
            } else {
                t.remove("reasoningText");
            }
            traces.add(t);
        }
        long before = TestTraces.count(client, "default");
        try (TestTraces publisher = new TestTraces()) {
            publisher.publish(traces);
        }
        TestTraces.awaitCount(client, "default", before + traces.size(), Duration.ofMinutes(2));

        // When an admin opens the overview
        try (ConsoleBrowser.Tab tab = browser.open().signIn("admin", adminPassword)) {
            tab.page.navigate("/");
            Locator row = tab.page.locator("#transparency tr[data-model='" + model + "']");
            row.waitFor();

            // Then the model's row shows its provider, 50% of its reasoning calls visible, 1.5 characters per token,
            // and a bar for today's share (the only day it had calls)
            assertThat(row.locator(".provider").textContent()).isEqualTo("deepseek");
            assertThat(row.locator(".visible").textContent()).isEqualTo("50.0%");
            assertThat(row.locator(".chars-per-token").textContent()).isEqualTo("1.50");
            assertThat(row.locator("svg.spark rect.spark-bar").count()).isEqualTo(1);
            assertThat(tab.consoleErrors).isEmpty();
            tab.page.locator("#transparency").scrollIntoViewIfNeeded();
            tab.screenshot("overview-transparency");
        }
    }
}
