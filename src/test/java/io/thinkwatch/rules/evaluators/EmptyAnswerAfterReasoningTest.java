package io.thinkwatch.rules.evaluators;

import static io.thinkwatch.rules.TraceBuilder.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.ToolCall;

class EmptyAnswerAfterReasoningTest {

    private final EmptyAnswerAfterReasoning rule = new EmptyAnswerAfterReasoning(1);

    @Test
    void emptyAnswerAfterReasoningMatches() {
        // Given a call that reasoned 2,000 tokens and answered nothing visible
        // When the rule judges it
        // Then it matches
        assertThat(rule.evaluate(call().tokens(2_000, 0).answer("  ").build(), Instant.EPOCH, GroupState.NONE))
                .hasValueSatisfying(m -> assertThat(m.message()).isEqualTo("empty answer after 2000 reasoning tokens"));
    }

    @Test
    void emptyAnswerWithoutReasoningDoesNotMatch() {
        // Given an empty answer from a call that did not reason
        // When the rule judges it
        // Then it does not match
        assertThat(rule.evaluate(call().tokens(0, 0).answer("").build(), Instant.EPOCH, GroupState.NONE))
                .isEmpty();
    }

    @Test
    void aCallThatEndedToCallAToolDoesNotMatch() {
        // Given a call that reasoned 2,000 tokens and answered only with a tool call, no text
        // When the rule judges it
        // Then it does not match: calling the tool was the answer
        assertThat(rule.evaluate(
                        call().tokens(2_000, 0)
                                .calledTools(ToolCall.of("call_1", "get_weather", "{\"city\":\"Bern\"}"))
                                .build(),
                        Instant.EPOCH,
                        GroupState.NONE))
                .isEmpty();
    }

    @Test
    void failedCallDoesNotMatch() {
        // Given a failed call (its answer is unknown, not empty)
        // When the rule judges it
        // Then it does not match
        assertThat(rule.evaluate(call().failed().build(), Instant.EPOCH, GroupState.NONE))
                .isEmpty();
    }
}
