package io.thinkwatch.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.thinkwatch.errors.Invalid;

class ReadsQueryTest {

    @Test
    void aQuestionNamesATraceOrAPerson() {
        // Given a query with neither traceId nor actor
        Map<String, List<String>> params = Map.of("from", List.of("2026-03-01T00:00:00Z"));

        // When it is read
        // Then it is refused, naming traceId
        assertThatThrownBy(() -> ReadsQuery.of(params))
                .isInstanceOfSatisfying(
                        Invalid.class,
                        e -> assertThat(e.details()).singleElement().asString().startsWith("traceId:"));
    }

    @Test
    void whatAPersonReadBetweenTwoTimes() {
        // Given the second question with its window and page size
        Map<String, List<String>> params = Map.of(
                "actor", List.of("alice"),
                "from", List.of("2026-03-01T00:00:00Z"),
                "to", List.of("2026-03-02T01:00:00+01:00"),
                "size", List.of("10"));

        // When it is read
        ReadsQuery query = ReadsQuery.of(params);

        // Then each part is taken, the offset turned into an instant
        assertThat(query.actor()).isEqualTo("alice");
        assertThat(query.traceId()).isNull();
        assertThat(query.from()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(query.to()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(query.size()).isEqualTo(10);
    }

    @Test
    void nextTokenLeadsBackToThePosition() {
        // Given where a page ended
        ReadsQuery.Position last = new ReadsQuery.Position(Instant.parse("2026-03-01T12:00:00.123456Z"), 42);

        // When its token is given as before
        ReadsQuery query = ReadsQuery.of(Map.of("traceId", List.of("t1"), "before", List.of(last.token())));

        // Then the next page starts after that very read
        assertThat(query.before()).isEqualTo(last);
    }

    @Test
    void everyBadParameterIsNamed() {
        // Given an unknown parameter, a bad time, a bad position and a size out of range
        Map<String, List<String>> params = Map.of(
                "traceId", List.of("t1"),
                "who", List.of("x"),
                "from", List.of("yesterday"),
                "before", List.of("12"),
                "size", List.of("900"));

        // When it is read
        // Then each is named in one refusal
        assertThatThrownBy(() -> ReadsQuery.of(params))
                .isInstanceOfSatisfying(
                        Invalid.class,
                        e -> assertThat(e.details())
                                .extracting(d -> d.substring(0, d.indexOf(':')))
                                .containsExactlyInAnyOrder("who", "from", "before", "size"));
    }
}
