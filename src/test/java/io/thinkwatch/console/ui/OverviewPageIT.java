package io.thinkwatch.console.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.thinkwatch.unrecorded.UnrecordedCalls;

import com.microsoft.playwright.Locator;

/** The overview in a real browser: headline numbers, the chart, top apps, latest traces. */
@QuarkusTest
class OverviewPageIT extends PageInBrowser {

    @Inject
    UnrecordedCalls unrecorded;

    @Test
    void overviewShowsTheLastDayByModelAndApp() {
        // Given calls of two apps and two models, one of them cut off by its budget
        Traces traces = traces();
        String body =
                "{\"model\":\"%s\",\"max_completion_tokens\":3000,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        traces.send(
                Map.of("X-Thinkwatch-App", "overview-big-spender", "X-Simulator-Reasoning-Tokens", "2500"),
                body.formatted("o3"));
        traces.send(
                Map.of("X-Thinkwatch-App", "overview-big-spender", "X-Simulator-Scenario", "truncated"),
                body.formatted("o3"));
        String last = traces.send(
                Map.of("X-Thinkwatch-App", "overview-small", "X-Simulator-Reasoning-Tokens", "10"),
                body.formatted("o4-mini"));
        traces.awaitIndexed(last);

        // When an admin opens the overview
        try (ConsoleBrowser.Tab tab = browser.open().signIn("admin", adminPassword)) {
            tab.page.locator("[data-kpi=calls] .value").waitFor();

            // Then the numbers, the chart and the tables are there, and nothing broke the page's rules
            assertThat(Long.parseLong(tab.page
                            .locator("[data-kpi=calls] .value")
                            .textContent()
                            .replace(",", "")))
                    .isGreaterThanOrEqualTo(3);
            assertThat(tab.page.locator("[data-kpi=truncation] .value").textContent())
                    .endsWith("%");
            assertThat(tab.page.locator(".chart canvas").count()).isEqualTo(1);
            assertThat(tab.page.locator("#top-apps").textContent()).contains("overview-big-spender");
            assertThat(tab.page.locator("#recent-traces a").count()).isGreaterThanOrEqualTo(3);
            assertThat(tab.consoleErrors).isEmpty();
            tab.screenshot("overview");
        }
    }

    @Test
    void overviewTellsOfCallsPassedUnrecorded() {
        // Given an application that calls a Gemini method capture does not record, three times
        // (letters only: a method name with a digit would be taken for an id)
        String method = "overviewProbe"
                + Long.toString(System.nanoTime())
                        .chars()
                        .mapToObj(c -> String.valueOf((char) ('a' + (c - '0'))))
                        .collect(java.util.stream.Collectors.joining());
        for (int i = 0; i < 3; i++) {
            given().port(capture.port())
                    .urlEncodingEnabled(false)
                    .contentType(ContentType.JSON)
                    .body("{\"contents\":[]}")
                    .post("/v1/models/gemini-2.5-flash:" + method);
        }

        // When an admin opens the overview once capture has reported them
        String shape = "/v1/models/*:" + method;
        await().atMost(Duration.ofSeconds(30))
                .until(() -> unrecorded.lastHour("default").stream()
                        .anyMatch(s -> s.shape().equals(shape) && s.calls() == 3));
        try (ConsoleBrowser.Tab tab = browser.open().signIn("admin", adminPassword)) {
            Locator tile = tab.page.locator("#unrecorded li[data-shape='" + shape + "']");
            tile.waitFor();

            // Then a tile says how many calls to which shape passed unrecorded in the last hour
            assertThat(tile.textContent().replaceAll("\\s+", " "))
                    .contains("3 calls to POST " + shape + " passed unrecorded in the last hour")
                    .contains("gemini");
            assertThat(tab.consoleErrors).isEmpty();
            tab.screenshot("overview-unrecorded");
        }
    }

    @Test
    void chartLabelsOfTensOfMillionsStayWhole() {
        // Given the overview
        try (ConsoleBrowser.Tab tab = browser.open().signIn("admin", adminPassword)) {
            tab.page.locator("#summary .card").first().waitFor();

            // When the console draws a chart of up to 34,500,000 reasoning tokens an hour
            tab.page.evaluate("() => {"
                    + " const hours = Array.from({ length: 24 }, (_, i) => 1764000000 + i * 3600);"
                    + " const el = document.createElement('div');"
                    + " el.className = 'chart';"
                    + " el.id = 'big-chart';"
                    + " el.dataset.chart = JSON.stringify({ x: hours,"
                    + "     series: [{ label: 'o3', values: hours.map((_, i) => i * 1500000) }] });"
                    + " const box = document.createElement('section');"
                    + " box.append(el);"
                    + " document.querySelector('#summary').append(box);"
                    + " htmx.trigger(box, 'htmx:load');"
                    + " }");
            tab.page.locator("#big-chart canvas").waitFor();

            // Then no y-axis label runs into the chart's left edge: its first columns are blank
            Object leftEdgeBlank = tab.page.evaluate("() => {"
                    + " const canvas = document.querySelector('#big-chart canvas');"
                    + " const pixels = canvas.getContext('2d').getImageData(0, 0, 4, canvas.height).data;"
                    + " return pixels.every((value, i) => i % 4 !== 3 || value === 0);"
                    + " }");
            assertThat(leftEdgeBlank).isEqualTo(true);
            assertThat(tab.consoleErrors).isEmpty();
        }
    }

    @Test
    void overviewIsReadableOnAPhone() {
        // Given a phone-sized window
        try (ConsoleBrowser.Tab tab = browser.open(390, 844).signIn("admin", adminPassword)) {
            // When the overview has loaded
            tab.page.locator("#summary .card").first().waitFor();

            // Then nothing is wider than the screen
            Object overflow = tab.page.evaluate("document.documentElement.scrollWidth > window.innerWidth");
            assertThat(overflow).isEqualTo(false);
            tab.screenshot("overview-phone");
        }
    }
}
