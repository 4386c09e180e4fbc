package io.thinkwatch.rules.evaluators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.RuleKind;

import com.fasterxml.jackson.databind.ObjectMapper;

class EvaluatorsTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private RuleInvalid refused(RuleKind kind, String params) throws Exception {
        return catchThrowableOfType(RuleInvalid.class, () -> Evaluators.compile(kind, mapper.readTree(params)));
    }

    @Test
    void patternThatDoesNotCompileIsRefusedByName() throws Exception {
        // Given a content_match rule with an unbalanced parenthesis
        // When it is compiled
        RuleInvalid error = refused(RuleKind.CONTENT_MATCH, "{\"pattern\":\"(sk-[a-z]+\"}");

        // Then the refusal names the field and why
        assertThat(error.details()).singleElement().asString().startsWith("params.pattern: does not compile: ");
    }

    @Test
    void backreferenceIsRefusedBecauseRe2HasNone() throws Exception {
        // Given a pattern with a backreference, which needs backtracking
        // When it is compiled
        RuleInvalid error = refused(RuleKind.CONTENT_MATCH, "{\"pattern\":\"(a)\\\\1\"}");

        // Then it is refused
        assertThat(error.details()).singleElement().asString().startsWith("params.pattern: does not compile");
    }

    @Test
    void everyProblemIsListedWithItsField() throws Exception {
        // Given a spend_window rule with a bad metric, no window, a negative budget and a typo
        // When it is compiled
        RuleInvalid error = refused(RuleKind.SPEND_WINDOW, "{\"metric\":\"dollars\",\"budget\":-1,\"windw\":\"1h\"}");

        // Then each problem names its field
        assertThat(error.details())
                .containsExactly(
                        "params.metric: must be one of cost_usd, reasoning_tokens, output_tokens",
                        "params.window: is required",
                        "params.budget: must be a number above 0",
                        "params.windw: unknown parameter; known: metric, window, budget");
    }

    @Test
    void defaultsFillOptionalParameters() throws Exception {
        // Given a rate_window rule with only its required parameters
        // When it is compiled
        Evaluator evaluator =
                Evaluators.compile(RuleKind.RATE_WINDOW, mapper.readTree("{\"window\":\"15m\",\"threshold\":0.2}"));

        // Then the defaults apply
        assertThat(evaluator)
                .isEqualTo(new RateWindow(
                        java.util.Set.of(RateWindow.Condition.TRUNCATED, RateWindow.Condition.EMPTY_ANSWER),
                        Duration.ofMinutes(15),
                        0.2,
                        20));
    }

    @Test
    void kindWithoutParametersAcceptsNone() throws Exception {
        // Given a budget_exhausted rule without params
        // When it is compiled
        Evaluator evaluator = Evaluators.compile(RuleKind.BUDGET_EXHAUSTED, null);

        // Then it is ready
        assertThat(evaluator).isInstanceOf(BudgetExhausted.class);
    }
}
