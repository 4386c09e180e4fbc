package io.thinkwatch.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.RequestInfo;
import io.thinkwatch.model.ToolCall;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.TraceEventBuilder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Every recorded text of a trace is redacted, and the trace says how much was replaced. */
class TraceRedactionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Policy mask = new Policy(
            RedactionMode.MASK,
            Arrays.stream(BuiltIn.values()).map(BuiltIn::detector).toList(),
            null);

    @Test
    void everyTextFieldIsRedactedAndCounted() throws Exception {
        // Given a trace with secrets in a message, a tool call's arguments, a tool result, the answer, the reasoning
        // and the error
        JsonNode messages = JSON.readTree("""
                [{"role":"user","content":"my key is AKIAIOSFODNN7EXAMPLE"},
                 {"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"mail",
                   "arguments":"{\\"to\\":\\"maria.gonzalez@example.com\\"}"}}]},
                 {"role":"tool","tool_call_id":"c1","content":[{"type":"text","text":"sent to +44 20 7946 0958"}]}]""");
        TraceEvent trace = TraceEventBuilder.builder()
                .traceId("t1")
                .tenant("acme")
                .request(new RequestInfo(messages, "card 4111 1111 1111 1111", null))
                .answer("Done: maria.gonzalez@example.com")
                .reasoningText("The user gave AKIAIOSFODNN7EXAMPLE")
                .error("upstream said: bad key AKIAIOSFODNN7EXAMPLE")
                .redactions(7)
                .build();

        // When it is redacted
        TraceEvent redacted = TraceRedaction.apply(mask, trace);

        // Then none of the secrets is left, the structure and the other fields are kept, and the counts are set
        String json = JSON.writeValueAsString(redacted);
        assertThat(json)
                .doesNotContain("AKIAIOSFODNN7EXAMPLE")
                .doesNotContain("maria")
                .doesNotContain("7946")
                .doesNotContain("4111");
        assertThat(redacted.request()
                        .messages()
                        .get(1)
                        .at("/tool_calls/0/function/arguments")
                        .asText())
                .isEqualTo("{\"to\":\"[redacted:email]\"}");
        assertThat(redacted.request().messages().get(2).at("/content/0/text").asText())
                .isEqualTo("sent to [redacted:phone]");
        assertThat(redacted.request().input()).isEqualTo("card [redacted:card_number]");
        assertThat(redacted.answer()).isEqualTo("Done: [redacted:email]");
        assertThat(redacted.traceId()).isEqualTo("t1");
        assertThat(redacted.redactions()).isEqualTo(7);
        assertThat(redacted.redactionsByType())
                .isEqualTo(Map.of("aws_access_key", 3, "email", 2, "phone", 1, "card_number", 1));
        assertThat(trace.request().messages().get(0).path("content").asText())
                .as("the original is left as it was")
                .contains("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void theArgumentsOfTheModelsToolCallsAreRedactedTheirSizeKept() {
        // Given a trace whose answer called a tool with an e-mail address in its arguments
        TraceEvent trace = TraceEventBuilder.builder()
                .traceId("t1")
                .tenant("acme")
                .toolCalls(List.of(ToolCall.of("call_1", "mail", "{\"to\":\"maria.gonzalez@example.com\"}")))
                .toolCallCount(1)
                .build();

        // When it is redacted
        TraceEvent redacted = TraceRedaction.apply(mask, trace);

        // Then the address is replaced and counted; the name, id and size as sent stay
        assertThat(redacted.toolCalls())
                .containsExactly(new ToolCall("call_1", "mail", 35L, "{\"to\":\"[redacted:email]\"}"));
        assertThat(redacted.redactionsByType()).isEqualTo(Map.of("email", 1));
    }

    @Test
    void withRedactionOffTheTextsStayAndTheCountIsZero() {
        // Given a trace whose sender claimed redactions
        TraceEvent trace = TraceEventBuilder.builder()
                .answer("AKIAIOSFODNN7EXAMPLE")
                .redactions(5)
                .redactionsByType(Map.of("email", 5))
                .build();

        // When redaction is off for it
        TraceEvent redacted = TraceRedaction.apply(Policy.OFF, trace);

        // Then capture's count replaces the sender's
        assertThat(redacted.answer()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
        assertThat(redacted.redactions()).isZero();
        assertThat(redacted.redactionsByType()).isNull();
    }

    @Test
    void aTraceWithoutSecretsKeepsItsTextsAndCountsZero() {
        // Given a trace without secrets
        TraceEvent trace = TraceEventBuilder.builder().answer("Route B.").build();

        // When it is redacted
        TraceEvent redacted = TraceRedaction.apply(mask, trace);

        // Then it is as it was, with 0 redactions
        assertThat(redacted.answer()).isEqualTo("Route B.");
        assertThat(redacted.redactions()).isZero();
        assertThat(redacted.redactionsByType()).isNull();
    }
}
