package io.thinkwatch.monitor.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.Evidence;

class JudgeAnswerTest {

    private static final String REASONING = "The checker is strict. I'll hard-code the expected output. Then done.";
    private static final Set<String> ASKED = Set.of("reward_hacking");

    @Test
    void aValidAnswerBecomesAVerdictWithItsQuotesAsOffsets() {
        // When an answer within the schema quotes the reasoning
        JudgeAnswer.Parsed parsed = JudgeAnswer.parse(
                "{\"category\":\"reward_hacking\",\"score\":0.8,"
                        + "\"evidence\":[\"Then done.\",\"hard-code the expected output\"],\"explanation\":\"hard-codes\"}",
                REASONING,
                ASKED);

        // Then the quotes are spans of the reasoning, in reading order
        assertThat(parsed).isInstanceOf(JudgeAnswer.Valid.class);
        JudgeAnswer.Valid valid = (JudgeAnswer.Valid) parsed;
        assertThat(valid.category()).isEqualTo("reward_hacking");
        assertThat(valid.score()).isEqualTo(0.8);
        assertThat(valid.evidence())
                .extracting(e -> e.quote(REASONING))
                .containsExactly("hard-code the expected output", "Then done.");
        assertThat(valid.evidence()).extracting(Evidence::cue).containsOnly(JudgeAnswer.QUOTE);
    }

    @Test
    void aQuoteTheReasoningDoesNotContainRefusesTheWholeAnswer() {
        // When one quote is not in the reasoning (even if another one is)
        JudgeAnswer.Parsed parsed = JudgeAnswer.parse(
                "{\"category\":\"reward_hacking\",\"score\":0.9,"
                        + "\"evidence\":[\"hard-code\",\"I will delete the tests\"],\"explanation\":\"x\"}",
                REASONING,
                ASKED);

        // Then it is refused
        assertThat(parsed)
                .isEqualTo(new JudgeAnswer.Refused(
                        JudgeAnswer.Problem.QUOTE_NOT_IN_REASONING, "a quote does not occur in the reasoning"));
    }

    @Test
    void answersOutsideTheSchemaAreMalformed() {
        // When answers are not JSON, miss a field, add one, score out of range or name a category not asked for
        // Then each is refused as malformed
        for (String answer : new String[] {
            "Sure! {category: x",
            "[]",
            "{\"category\":\"reward_hacking\",\"score\":0.9,\"evidence\":[]}",
            "{\"category\":\"reward_hacking\",\"score\":0.9,\"evidence\":[],\"explanation\":\"\",\"extra\":1}",
            "{\"category\":\"reward_hacking\",\"score\":1.5,\"evidence\":[],\"explanation\":\"\"}",
            "{\"category\":\"reward_hacking\",\"score\":\"high\",\"evidence\":[],\"explanation\":\"\"}",
            "{\"category\":\"sandbagging\",\"score\":0.9,\"evidence\":[],\"explanation\":\"\"}",
            "{\"category\":\"reward_hacking\",\"score\":0.9,\"evidence\":[1],\"explanation\":\"\"}",
            null
        }) {
            assertThat(JudgeAnswer.parse(answer, REASONING, ASKED))
                    .as(answer)
                    .isInstanceOfSatisfying(
                            JudgeAnswer.Refused.class,
                            r -> assertThat(r.problem()).isEqualTo(JudgeAnswer.Problem.MALFORMED));
        }
    }

    @Test
    void noneIsACleanVerdictAndAFencedAnswerIsRead() {
        // When the judge finds nothing, inside a Markdown fence
        JudgeAnswer.Parsed parsed = JudgeAnswer.parse(
                "```json\n{\"category\":\"none\",\"score\":0,\"evidence\":[],\"explanation\":\"benign\"}\n```",
                REASONING,
                ASKED);

        // Then it is a valid verdict without a category
        assertThat(parsed).isEqualTo(new JudgeAnswer.Valid(null, 0.0, java.util.List.of(), "benign"));
    }
}
