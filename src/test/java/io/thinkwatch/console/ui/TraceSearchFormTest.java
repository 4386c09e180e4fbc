package io.thinkwatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TraceSearchFormTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static TraceSearchForm form(Map<String, String> params) {
        return TraceSearchForm.of(params::get);
    }

    @Test
    void blankFieldsAreAbsentAndTheDefaultRangeIsTheLastDay() {
        // Given a form submitted with empty fields, as a browser sends it
        TraceSearchForm form = form(Map.of("q", " ", "app", "", "provider", "openai"));

        // When it becomes a search
        Map<String, List<String>> api = form.apiParameters(NOW, 50);

        // Then only the filled field, the last 24 hours and the default sort are asked for
        assertThat(api)
                .containsOnly(
                        Map.entry("provider", List.of("openai")),
                        Map.entry("from", List.of("2026-02-28T12:00:00Z")),
                        Map.entry("sort", List.of("-startedAt")),
                        Map.entry("size", List.of("50")));
    }

    @Test
    void customTimesReplaceTheRangeAndReadAsUtc() {
        // Given a range and datetime-local times
        TraceSearchForm form = form(Map.of("range", "7d", "from", "2026-02-01T08:30", "to", "2026-02-02T00:00"));

        // When it becomes a search
        Map<String, List<String>> api = form.apiParameters(NOW, 50);

        // Then the times win, in UTC, and the page shows the range as custom
        assertThat(api.get("from")).containsExactly("2026-02-01T08:30:00Z");
        assertThat(api.get("to")).containsExactly("2026-02-02T00:00:00Z");
        assertThat(form.chosenRange()).isEqualTo("custom");
    }

    @Test
    void allTimeSetsNoBound() {
        // Given the range "all"
        // When it becomes a search
        // Then it has no from
        assertThat(form(Map.of("range", "all")).apiParameters(NOW, 50)).doesNotContainKey("from");
    }

    @Test
    void linksKeepTheSearchAndToggleTheSort() {
        // Given a search for a phrase in one app, sorted by cost descending
        TraceSearchForm form = form(Map.of("q", "late refund", "app", "a&b", "sort", "-costUsd"));

        // When its links are built
        // Then they carry every field, encoded; sorting the sorted column flips it, another starts descending
        assertThat(form.query()).isEqualTo("?q=late+refund&app=a%26b&sort=-costUsd");
        assertThat(form.sortLink("costUsd")).isEqualTo("/traces?q=late+refund&app=a%26b&sort=costUsd");
        assertThat(form.sortLink("latencyMs")).isEqualTo("/traces?q=late+refund&app=a%26b&sort=-latencyMs");
        assertThat(form.sortState("costUsd")).isEqualTo("descending");
        assertThat(form.nextLink("tok")).isEqualTo("/traces?q=late+refund&app=a%26b&sort=-costUsd&after=tok");
    }

    @Test
    void withoutTextDropsOnlyTheWords() {
        // Given a search with words and a filter
        TraceSearchForm form = form(Map.of("q", "secret", "model", "o3"));

        // When the words are dropped for a viewer
        TraceSearchForm viewer = form.withoutText();

        // Then the filter stays
        assertThat(viewer.q()).isNull();
        assertThat(viewer.model()).isEqualTo("o3");
    }
}
