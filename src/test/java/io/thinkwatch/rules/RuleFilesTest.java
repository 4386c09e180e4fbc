package io.thinkwatch.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.thinkwatch.errors.Invalid;

import com.fasterxml.jackson.databind.ObjectMapper;

class RuleFilesTest {

    private final RuleFiles files = new RuleFiles(new ObjectMapper());

    @Test
    void yamlFileReadsIntoDefinitions() {
        // Given a rule file as a team keeps it in git
        String yaml = """
                rules:
                  - name: empty answers
                    kind: empty_answer_after_reasoning
                    severity: critical
                  - name: big spenders
                    kind: spend_window
                    groupBy: [app, userId]
                    params: {metric: reasoning_tokens, window: 1h, budget: 2000000}
                """;

        // When it is parsed
        List<RuleDefinition> rules = files.parse(yaml, RuleFiles.Format.YAML);

        // Then both rules are there with their fields
        assertThat(rules).extracting(RuleDefinition::name).containsExactly("empty answers", "big spenders");
        assertThat(rules.get(1).params().get("budget").asLong()).isEqualTo(2_000_000);
    }

    @Test
    void exportReadsBackTheSame() {
        // Given normalized rules
        List<RuleDefinition> rules =
                files
                        .parse("{\"rules\":[{\"name\":\"a\",\"kind\":\"budget_exhausted\"}]}", RuleFiles.Format.JSON)
                        .stream()
                        .map(RuleCompiler::normalize)
                        .toList();

        // When they are written as YAML and read again
        List<RuleDefinition> again = files.parse(files.write(rules, RuleFiles.Format.YAML), RuleFiles.Format.YAML);

        // Then nothing changed
        assertThat(again).isEqualTo(rules);
    }

    @Test
    void unknownFieldIsRefusedWithItsPath() {
        // Given a file whose second rule misspells a field
        String json =
                "{\"rules\":[{\"name\":\"a\",\"kind\":\"budget_exhausted\"},{\"name\":\"b\",\"sevrity\":\"info\"}]}";

        // When it is parsed
        Invalid error = catchThrowableOfType(Invalid.class, () -> files.parse(json, RuleFiles.Format.JSON));

        // Then the answer names the field
        assertThat(error.details()).containsExactly("rules[1].sevrity: unknown field");
    }
}
