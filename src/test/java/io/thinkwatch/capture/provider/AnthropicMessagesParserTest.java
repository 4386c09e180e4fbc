package io.thinkwatch.capture.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.FinishReason;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.Usage;
import io.thinkwatch.model.UsageSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class AnthropicMessagesParserTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final AnthropicMessagesParser parser = new AnthropicMessagesParser(Provider.ANTHROPIC, mapper);

    @Test
    void thinkingIsShownRedactedThinkingOnlyNotedAndCacheAddedToInput() throws Exception {
        // Given an answer with a thinking block, a redacted_thinking block and text, and cache reads and writes
        // When it is parsed
        ProviderCall call = parser.parse(
                request("{\"model\":\"claude-sonnet-4-20250514\",\"max_tokens\":8000,"
                        + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":4000},\"messages\":[]}"),
                Fixtures.json("anthropic/thinking-redacted.json"));

        // Then the thinking is the reasoning, the redacted block only a marker, and input includes the cache
        assertThat(call.answer()).isEqualTo("Route B.");
        assertThat(call.reasoningText())
                .isEqualTo(
                        "The user wants the shorter route. B skips the bridge.\n\n" + AnthropicMessagesParser.REDACTED);
        assertThat(call.reasoningText()).doesNotContain("EmwKAhgB");
        assertThat(call.usage().inputTokens()).isEqualTo(1120L);
        assertThat(call.usage().cachedInputTokens()).isEqualTo(1000L);
        assertThat(call.usage().cacheWriteTokens()).isEqualTo(100L);
        assertThat(call.request().params().thinkingBudget()).isEqualTo(4000L);
        assertThat(call.request().params().maxOutputTokens()).isEqualTo(8000L);
    }

    @Test
    void withoutAThinkingCountReasoningTokensStayUnknown() throws Exception {
        // Given an answer with thinking but no output_tokens_details.thinking_tokens
        // When it is parsed
        ProviderCall call = parser.parse(request("{}"), Fixtures.json("anthropic/thinking-redacted.json"));

        // Then output is reported, but reasoning and visible output are null, not guessed
        assertThat(call.usage().outputTokens()).isEqualTo(900L);
        assertThat(call.usage().reasoningTokens()).isNull();
        assertThat(call.usage().visibleOutputTokens()).isNull();
        assertThat(call.usage().source()).isEqualTo(UsageSource.PROVIDER);
    }

    @Test
    void maxTokensWithOnlyThinkingIsLengthAndEmpty() throws Exception {
        // Given an answer of only a thinking block that stopped at max_tokens
        // When it is parsed
        ProviderCall call =
                parser.parse(request("{\"max_tokens\":4096}"), Fixtures.json("anthropic/max-tokens-empty.json"));

        // Then it is a length finish with an empty answer, and the thinking count is the provider's
        assertThat(call.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(call.rawFinishReason()).isEqualTo("max_tokens");
        assertThat(call.answer()).isEmpty();
        assertThat(call.usage().reasoningTokens()).isEqualTo(4096L);
        assertThat(call.usage().visibleOutputTokens()).isZero();
    }

    @Test
    void anAnswerWithoutThinkingHasNoReasoningTokens() throws Exception {
        // Given an answer without any thinking block
        // When it is parsed
        ProviderCall call = parser.parse(request("{}"), Fixtures.json("anthropic/no-thinking.json"));

        // Then reasoning is known to be zero and all output is visible
        assertThat(call.usage()).isEqualTo(new Usage(12L, null, 6L, 0L, 6L, UsageSource.PROVIDER));
        assertThat(call.reasoningText()).isNull();
    }

    @Test
    void streamReplacesCumulativeUsageAndJoinsDeltas() throws Exception {
        // Given a stream with thinking, redacted thinking and text blocks, and two cumulative message_delta usages
        // When it is parsed
        ProviderCall call = parser.parse(request("{\"stream\":true}"), Fixtures.sse("anthropic/stream.sse", true));

        // Then the last usage replaces the first (not added), and cache reads are in the input
        assertThat(call.answer()).isEqualTo("Route B.");
        assertThat(call.reasoningText()).isEqualTo("Compare the two routes.\n\n" + AnthropicMessagesParser.REDACTED);
        assertThat(call.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(call.usage()).isEqualTo(new Usage(525L, 500L, 350L, 340L, 10L, UsageSource.PROVIDER, 0L));
        assertThat(call.responseModel()).isEqualTo("claude-sonnet-4-20250514");
        assertThat(call.firstTokenOffset())
                .isEqualTo(OpenAiResponsesParserTest.offsetAfter("anthropic/stream.sse", "Compare the "));
    }

    @Test
    void streamCutOffBeforeMessageDeltaHasNoOutputCount() throws Exception {
        // Given a stream cut mid-line before message_delta
        // When it is parsed
        ProviderCall call =
                parser.parse(request("{\"stream\":true}"), Fixtures.sse("anthropic/stream-cut-off.sse", false));

        // Then the partial answer is kept, the call is aborted, and the output count is missing, not zero
        assertThat(call.answer()).isEqualTo("Partial");
        assertThat(call.finishReason()).isEqualTo(FinishReason.ABORTED);
        assertThat(call.usage().source()).isEqualTo(UsageSource.MISSING);
        assertThat(call.usage().outputTokens()).isNull();
        assertThat(call.usage().inputTokens()).isEqualTo(25L);
    }

    @Test
    void errorEventMidStreamIsAnError() throws Exception {
        // Given a stream interrupted by an overloaded_error event
        // When it is parsed
        ProviderCall call = parser.parse(request("{}"), Fixtures.sse("anthropic/stream-error.sse", true));

        // Then the call is an error with the provider's message and keeps the partial answer
        assertThat(call.finishReason()).isEqualTo(FinishReason.ERROR);
        assertThat(call.error()).isEqualTo("Overloaded");
        assertThat(call.answer()).isEqualTo("Start");
    }

    @Test
    void garbageAndHalfWrittenLinesAreSkipped() throws Exception {
        // Given a stream with garbage, a comment and a half-written event
        // When it is parsed
        ProviderCall call = parser.parse(request("{}"), Fixtures.sse("anthropic/stream-garbage.sse", true));

        // Then the good events make the call
        assertThat(call.answer()).isEqualTo("ok");
        assertThat(call.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(call.usage().outputTokens()).isEqualTo(2L);
    }

    @Test
    void errorStatusKeepsTheProviderMessage() throws Exception {
        // Given a 529 overloaded answer
        byte[] body = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"
                .getBytes(StandardCharsets.UTF_8);

        // When it is parsed
        ProviderCall call = parser.parse(request("{}"), new ResponseCopy(529, "application/json", body, true));

        // Then it is an error with the message and missing usage
        assertThat(call.error()).isEqualTo("Overloaded");
        assertThat(call.usage().source()).isEqualTo(UsageSource.MISSING);
    }

    private JsonNode request(String json) throws Exception {
        return mapper.readTree(json);
    }
}
