package io.thinkwatch.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch._types.FieldValue;

import io.thinkwatch.errors.Invalid;

class TraceQueryTest {

    private static Map<String, List<String>> params(String... pairs) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return map;
    }

    private static List<String> problems(Map<String, List<String>> params) {
        Invalid e = catchThrowableOfType(Invalid.class, () -> TraceQuery.parse(params));
        assertThat(e).as("a 400 is expected").isNotNull();
        assertThat(e.code()).isEqualTo("bad_request");
        return e.details();
    }

    @Test
    void noParametersGiveTheNewestFiftyOverAllTexts() {
        // Given no parameters
        // When parsed
        TraceQuery query = TraceQuery.parse(Map.of());

        // Then the defaults apply
        assertThat(query.size()).isEqualTo(50);
        assertThat(query.sort()).isEqualTo(SortField.STARTED_AT);
        assertThat(query.descending()).isTrue();
        assertThat(query.in()).containsExactlyInAnyOrder(TextField.values());
        assertThat(query.filter().terms()).isEmpty();
        assertThat(query.after()).isNull();
    }

    @Test
    void filtersRepeatedAndCommaSeparatedValuesAreAccepted() {
        // Given filters, some with several values
        Map<String, List<String>> params = params(
                "model",
                "o3",
                "model",
                "o4-mini",
                "status",
                "ok,incomplete",
                "truncated",
                "true",
                "minReasoningTokens",
                "1000",
                "from",
                "2026-03-01T00:00:00Z",
                "to",
                "2026-03-02T00:00:00+01:00",
                "in",
                "answer",
                "sort",
                "costUsd",
                "size",
                "500");

        // When parsed
        TraceQuery query = TraceQuery.parse(params);

        // Then each is read with its type
        assertThat(query.filter().terms())
                .containsEntry("model", List.of("o3", "o4-mini"))
                .containsEntry("status", List.of("ok", "incomplete"));
        assertThat(query.filter().truncated()).isTrue();
        assertThat(query.filter().minReasoningTokens()).isEqualTo(1000L);
        assertThat(query.filter().from()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(query.filter().to()).isEqualTo(Instant.parse("2026-03-01T23:00:00Z"));
        assertThat(query.in()).isEqualTo(Set.of(TextField.ANSWER));
        assertThat(query.sort()).isEqualTo(SortField.COST_USD);
        assertThat(query.descending()).isFalse();
        assertThat(query.size()).isEqualTo(500);
    }

    @Test
    void everyBadParameterIsNamedWithItsReason() {
        // Given an unknown sort field, a bad date, a negative size, a bad flag, a bad status and a typo
        Map<String, List<String>> params = params(
                "sort", "-answer", "from", "yesterday", "size", "-1", "truncated", "yes", "status", "fine", "aap", "x");

        // When parsed
        List<String> problems = problems(params);

        // Then each problem is listed
        assertThat(problems).hasSize(6);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("sort: unknown field '-answer'"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("from: not an ISO-8601 instant"));
        assertThat(problems).anySatisfy(p -> assertThat(p).isEqualTo("size: must be between 0 and 500, was -1"));
        assertThat(problems).anySatisfy(p -> assertThat(p).isEqualTo("truncated: must be true or false, was 'yes'"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("status: unknown value 'fine'"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("aap: unknown parameter"));
    }

    @Test
    void sizeAboveTheMaximumIsRefused() {
        // Given a size over 500
        // When parsed
        List<String> problems = problems(params("size", "501"));

        // Then the size is named
        assertThat(problems).containsExactly("size: must be between 0 and 500, was 501");
    }

    @Test
    void windowThatEndsBeforeItStartsIsRefused() {
        // Given from after to
        // When parsed
        List<String> problems = problems(params("from", "2026-03-02T00:00:00Z", "to", "2026-03-01T00:00:00Z"));

        // Then to is named
        assertThat(problems).singleElement().asString().startsWith("to: must be after from");
    }

    @Test
    void cursorOfAnotherSortOrGarbageIsRefused() {
        // Given a cursor made for startedAt descending, and a cursor that is not one
        String cursor = new Cursor("-startedAt", List.of(FieldValue.of(1L), FieldValue.of("id"))).encode();

        // When used with another sort, and garbage is used
        List<String> otherSort = problems(params("sort", "costUsd", "after", cursor));
        List<String> garbage = problems(params("after", "%%%not-base64"));

        // Then both are refused, naming after
        assertThat(otherSort).containsExactly("after: belongs to sort '-startedAt', not 'costUsd'");
        assertThat(garbage).containsExactly("after: not a token returned as 'next' by this API");
    }

    @Test
    void cursorRoundTripsItsValues() throws Exception {
        // Given sort values of every kind OpenSearch returns, including a missing number
        Cursor cursor = new Cursor(
                "-costUsd",
                List.of(
                        FieldValue.of(0.25),
                        FieldValue.of("-Infinity"),
                        FieldValue.of(Long.MIN_VALUE),
                        FieldValue.of("0190-abc")));

        // When encoded and decoded
        Cursor back = Cursor.decode(cursor.encode(), "-costUsd");

        // Then the values are the same
        assertThat(back.values())
                .extracting(FieldValue::_get)
                .containsExactly(0.25, "-Infinity", Long.MIN_VALUE, "0190-abc");
    }
}
