package io.thinkwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

class FindingTest {

    private final ObjectMapper mapper = JsonMapper.builder()
            .findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    private final Instant window = Instant.parse("2025-03-04T10:00:00Z");

    @Test
    void sameRuleGroupAndWindowGiveTheSameId() {
        // Given the same rule, group and window twice
        // When their ids are made
        // Then they are equal, so a restarted engine updates the finding instead of filing it again
        assertThat(FindingIds.of("7", "app=checkout", window)).isEqualTo(FindingIds.of("7", "app=checkout", window));
    }

    @Test
    void anotherWindowOrGroupGivesAnotherId() {
        // Given one rule and group in two windows, and another group in the same window
        String id = FindingIds.of("7", "app=checkout", window);

        // When their ids are made
        // Then each differs
        assertThat(List.of(
                        FindingIds.of("7", "app=checkout", window.plusSeconds(3600)),
                        FindingIds.of("7", "app=search", window),
                        FindingIds.of("8", "app=checkout", window)))
                .doesNotContain(id);
    }

    @Test
    void jsonUsesCamelCaseAndLowerCaseNames() throws Exception {
        // Given a finding
        Finding finding = new Finding(
                "f1",
                "t1",
                "7",
                "empty answers",
                RuleKind.EMPTY_ANSWER_AFTER_REASONING,
                Severity.CRITICAL,
                "app=checkout",
                window,
                window.plusSeconds(3600),
                window,
                window,
                2,
                List.of("a", "b"),
                "checkout",
                "o3",
                4000.0,
                1.0,
                Unit.TOKENS,
                8000L,
                4000L,
                new BigDecimal("0.32"),
                "empty answer after 4000 reasoning tokens",
                List.of("oncall"));

        // When it is written as JSON
        JsonNode json = mapper.readTree(mapper.writeValueAsString(finding));

        // Then names are camelCase, enums lower case, instants ISO-8601, and it reads back the same
        assertThat(json.get("kind").asText()).isEqualTo("empty_answer_after_reasoning");
        assertThat(json.get("severity").asText()).isEqualTo("critical");
        assertThat(json.get("windowStart").asText()).isEqualTo("2025-03-04T10:00:00Z");
        assertThat(json.get("maxOutputTokens").asLong()).isEqualTo(4000);
        assertThat(mapper.treeToValue(json, Finding.class)).isEqualTo(finding);
    }
}
