package io.thinkwatch.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** {@code GET /api/v1/traces}: full text, filters, sort, pages and errors, against the real services. */
@QuarkusTest
class TraceSearchIT {

    private static SearchFixture fixture;

    @Inject
    OpenSearchClient client;

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    @ConfigProperty(name = "thinkwatch.admin.token")
    String adminToken;

    @BeforeEach
    void traces() throws Exception {
        if (fixture == null) {
            fixture = SearchFixture.publish("search", client);
        }
    }

    private JsonPath search(Map<String, ?> params) {
        return given().port(consolePort)
                .auth()
                .oauth2(fixture.token)
                .queryParams(params)
                .get("/api/v1/traces")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static List<String> ids(JsonPath page) {
        return page.getList("items.traceId", String.class);
    }

    @Test
    void wordIsFoundInAnswerReasoningAndPrompt() {
        // Given a word in the answer of one trace, the reasoning of another and the prompt of a third
        // When searched without naming a field
        JsonPath page = search(Map.of("q", "zeppelin"));

        // Then all three are hits
        assertThat(ids(page)).containsExactlyInAnyOrderElementsOf(fixture.ids(i -> i == 5 || i == 7 || i == 9));
        assertThat(page.getLong("total")).isEqualTo(3);
    }

    @Test
    void eachTextIsSearchableOnItsOwn() {
        // Given the same word in answer, reasoning and prompt of three traces
        // When searched in the prompt only, in the reasoning only, and in the answer only
        List<String> prompt = ids(search(Map.of("q", "zeppelin", "in", "request")));
        List<String> reasoning = ids(search(Map.of("q", "zeppelin", "in", "reasoning")));
        List<String> answer = ids(search(Map.of("q", "zeppelin", "in", "answer")));

        // Then each finds only its own trace
        assertThat(prompt).containsExactlyElementsOf(fixture.ids(i -> i == 9));
        assertThat(reasoning).containsExactlyElementsOf(fixture.ids(i -> i == 7));
        assertThat(answer).containsExactlyElementsOf(fixture.ids(i -> i == 5));
    }

    @Test
    void filtersNarrowTheHits() {
        // Given traces of three models, some truncated
        // When filtered by model o3, truncated, and at least 500 reasoning tokens
        JsonPath page = search(Map.of("model", "o3", "truncated", "true", "minReasoningTokens", "500"));

        // Then exactly the matching traces are hits: i % 3 == 0, i % 4 == 0, 100 * (i + 1) >= 500
        assertThat(ids(page)).containsExactlyInAnyOrderElementsOf(fixture.ids(i -> i % 12 == 0 && i >= 4));
    }

    @Test
    void timeWindowAndProviderFilterTogether() {
        // Given traces in three hours, a third of them from Anthropic
        // When filtered to the second hour and provider anthropic
        JsonPath page = search(Map.of(
                "from",
                fixture.base.plusSeconds(3600).toString(),
                "to",
                fixture.base.plusSeconds(7200).toString(),
                "provider",
                "anthropic"));

        // Then the hits are the Anthropic traces of hour 1 (i in 8..15, i % 3 == 2)
        assertThat(ids(page)).containsExactlyInAnyOrderElementsOf(fixture.ids(i -> i / 8 == 1 && i % 3 == 2));
    }

    @Test
    void sortByReasoningTokensDescending() {
        // Given traces with growing reasoning tokens
        // When sorted by reasoning tokens, most first
        JsonPath page = search(Map.of("sort", "-usage.reasoningTokens", "size", "3"));

        // Then the three biggest come first, in order
        assertThat(ids(page))
                .containsExactlyElementsOf(List.of(
                        SearchFixture.id(fixture.tenant, 23),
                        SearchFixture.id(fixture.tenant, 22),
                        SearchFixture.id(fixture.tenant, 21)));
        assertThat(page.getLong("total")).isEqualTo(SearchFixture.SIZE);
    }

    @Test
    void threePagesOfSearchAfterGiveNoGapAndNoRepeat() {
        // Given 24 traces, eight sharing each start instant
        List<String> seen = new ArrayList<>();
        List<String> nexts = new ArrayList<>();
        String after = null;

        // When read in pages of 8, newest first, each page asking after the previous one
        for (int page = 0; page < 3; page++) {
            Map<String, String> params = after == null ? Map.of("size", "8") : Map.of("size", "8", "after", after);
            JsonPath result = search(params);
            seen.addAll(ids(result));
            after = result.getString("next");
            nexts.add(after);
        }

        // Then every trace came exactly once, and only the last page has no next
        assertThat(seen)
                .hasSize(SearchFixture.SIZE)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(fixture.ids(i -> true));
        assertThat(nexts.subList(0, 2)).doesNotContainNull();
        assertThat(nexts.get(2)).isNull();
    }

    @Test
    void queryOperatorsInUserTextAreHarmless() {
        // Given text full of query syntax and an attempt to reach another tenant
        // When searched
        JsonPath page = search(Map.of("q", "zeppelin | \"unbalanced ( tenant:default* OR {\"match_all\":{}}"));

        // Then the answer is an ordinary search of this tenant's traces
        assertThat(ids(page)).allSatisfy(id -> assertThat(id).startsWith(fixture.tenant));
    }

    @Test
    void anotherTenantSeesNoneOfThem() {
        // Given the traces of the fixture's tenant
        // When the admin of the default tenant searches for the word
        // Then nothing is found
        given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .queryParam("q", "zeppelin")
                .queryParam("app", "app-a", "app-b")
                .get("/api/v1/traces")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void badParametersAreRefusedNamingEach() {
        // Given an unknown sort field, a bad date, a size over the maximum and a forged cursor
        // When searched
        // Then the answer is 400 listing each problem
        given().port(consolePort)
                .auth()
                .oauth2(fixture.token)
                .queryParam("sort", "-answer")
                .queryParam("from", "last tuesday")
                .queryParam("size", "501")
                .queryParam("after", "bm90LWEtY3Vyc29y")
                .get("/api/v1/traces")
                .then()
                .statusCode(400)
                .body("error", equalTo("bad_request"))
                .body("details.size()", equalTo(3))
                .body("details", hasItem(startsWith("sort: unknown field '-answer'")))
                .body("details", hasItem(startsWith("from: not an ISO-8601 instant")))
                .body("details", hasItem("size: must be between 0 and 500, was 501"));
    }

    @Test
    void negativeSizeAndMalformedCursorAreRefused() {
        // Given a negative size and a cursor that is not one
        // When searched
        // Then both are named
        given().port(consolePort)
                .auth()
                .oauth2(fixture.token)
                .queryParam("size", "-5")
                .queryParam("after", "bm90LWEtY3Vyc29y")
                .get("/api/v1/traces")
                .then()
                .statusCode(400)
                .body("details", hasItem("size: must be between 0 and 500, was -5"))
                .body("details", hasItem("after: not a token returned as 'next' by this API"));
    }
}
