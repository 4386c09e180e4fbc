package io.thinkwatch.capture.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.FinishReason;
import io.thinkwatch.model.Provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the reasoning APIs of 2026 send (PROVIDERS.md, "Changes of 2025-2026"): hidden thinking, encrypted reasoning,
 * Gemini 3 thinking levels, OpenRouter reasoning details, new effort values; opaque blobs are never kept as text.
 */
class ReasoningShapesTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void omittedThinkingIsHiddenReasoningNotNoReasoning() throws Exception {
        // Given adaptive thinking whose thinking block carries only a signature (display: omitted), and no count
        JsonNode request = request(
                "{\"model\":\"claude-opus-4-5\",\"max_tokens\":16000,"
                        + "\"thinking\":{\"type\":\"adaptive\",\"display\":\"omitted\"},\"output_config\":{\"effort\":\"high\"}}");

        // When it is parsed
        ProviderCall call = new AnthropicMessagesParser(Provider.ANTHROPIC, mapper)
                .parse(request, Fixtures.json("anthropic/adaptive-omitted.json"));

        // Then there is no reasoning text, but the reasoning count is unknown (null), not 0 as for an answer without
        // thinking; the effort is recorded and the signature is not kept
        assertThat(call.answer()).isEqualTo("Route B is shorter.");
        assertThat(call.reasoningText()).isNull();
        assertThat(call.usage().reasoningTokens()).isNull();
        assertThat(call.usage().outputTokens()).isEqualTo(700L);
        assertThat(call.request().params().reasoningEffort()).isEqualTo("high");
        assertThat(call.toString()).doesNotContain("opaqueSignature");
    }

    @Test
    void omittedThinkingWithItsCountHasThatCount() throws Exception {
        // Given the same hidden thinking with output_tokens_details.thinking_tokens
        // When it is parsed
        ProviderCall call = new AnthropicMessagesParser(Provider.ANTHROPIC, mapper)
                .parse(request("{}"), Fixtures.json("anthropic/adaptive-omitted-counted.json"));

        // Then the provider's count is the reasoning, and the visible output is the rest
        assertThat(call.reasoningText()).isNull();
        assertThat(call.usage().reasoningTokens()).isEqualTo(650L);
        assertThat(call.usage().visibleOutputTokens()).isEqualTo(50L);
    }

    @Test
    void omittedThinkingInAStreamIsHiddenReasoning() throws Exception {
        // Given a stream whose thinking block has a signature delta and no thinking delta
        // When it is parsed
        ProviderCall call = new AnthropicMessagesParser(Provider.ANTHROPIC, mapper)
                .parse(request("{\"stream\":true}"), Fixtures.sse("anthropic/stream-omitted.sse", true));

        // Then the answer is whole, no reasoning text, and the reasoning count unknown rather than 0
        assertThat(call.answer()).isEqualTo("Route B is shorter.");
        assertThat(call.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(call.reasoningText()).isNull();
        assertThat(call.usage().reasoningTokens()).isNull();
        assertThat(call.toString()).doesNotContain("opaqueSignature");
    }

    @Test
    void encryptedReasoningItemsAreNeverText() throws Exception {
        // Given a Responses answer whose reasoning item is encrypted (no summary), asked with effort xhigh
        JsonNode request = request("{\"model\":\"gpt-5.1\",\"input\":\"q\",\"reasoning\":{\"effort\":\"xhigh\"},"
                + "\"include\":[\"reasoning.encrypted_content\"]}");

        // When it is parsed
        ProviderCall call = new OpenAiResponsesParser(Provider.OPENAI, mapper)
                .parse(request, Fixtures.json("openai-responses/encrypted-reasoning.json"));

        // Then the encrypted blob is nowhere in the call but its size is, the count is the provider's and the effort
        // is as sent
        assertThat(call.answer()).isEqualTo("42");
        assertThat(call.reasoningText()).isNull();
        assertThat(call.encryptedReasoningBytes())
                .isEqualTo((long) "gAAAAABoENCRYPTEDreasoningBLOB0123456789".length());
        assertThat(call.usage().reasoningTokens()).isEqualTo(1200L);
        assertThat(call.request().params().reasoningEffort()).isEqualTo("xhigh");
        assertThat(call.toString()).doesNotContain("gAAAA");
    }

    @Test
    void redactedThinkingIsRecordedAsPresentWithItsSizeOnly() throws Exception {
        // Given a Messages answer with a thinking block and a redacted_thinking block, plain and streamed
        String data = "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP...";
        AnthropicMessagesParser parser = new AnthropicMessagesParser(Provider.ANTHROPIC, mapper);

        // When both are parsed
        ProviderCall plain = parser.parse(request("{}"), Fixtures.json("anthropic/thinking-redacted.json"));
        ProviderCall streamed = parser.parse(request("{\"stream\":true}"), Fixtures.sse("anthropic/stream.sse", true));

        // Then each records the redacted block's size, never its data
        assertThat(plain.encryptedReasoningBytes()).isEqualTo((long) data.length());
        assertThat(plain.toString()).doesNotContain("EmwKAhgB");
        assertThat(streamed.encryptedReasoningBytes()).isEqualTo((long) "EmwKAhgBEgy3va3pzix...".length());
        assertThat(streamed.toString()).doesNotContain("EmwKAhgB");
    }

    @Test
    void answersWithoutEncryptedReasoningHaveNoSize() throws Exception {
        // Given a Messages answer with readable thinking only
        // When it is parsed
        ProviderCall call = new AnthropicMessagesParser(Provider.ANTHROPIC, mapper)
                .parse(request("{}"), Fixtures.json("anthropic/no-thinking.json"));

        // Then it has no encrypted reasoning size, rather than 0
        assertThat(call.encryptedReasoningBytes()).isNull();
    }

    @Test
    void effortNoneIsRecordedAsSent() throws Exception {
        // Given a gpt-5.1 chat request that turns reasoning off
        // When it is parsed
        ProviderCall call = new OpenAiChatParser(Provider.OPENAI, mapper)
                .parse(
                        request("{\"model\":\"gpt-5.1\",\"reasoning_effort\":\"none\",\"messages\":[]}"),
                        Fixtures.json("openai-chat/ok.json"));

        // Then the effort is 'none', not absent
        assertThat(call.request().params().reasoningEffort()).isEqualTo("none");
    }

    @Test
    void openRouterReasoningDetailsKeepTheTextAndDropTheEncryptedPart() throws Exception {
        // Given an OpenRouter answer with message.reasoning and reasoning_details (a summary and an encrypted part),
        // asked with OpenRouter's reasoning settings
        JsonNode request = request(
                "{\"model\":\"openai/o3\",\"messages\":[],\"reasoning\":{\"effort\":\"high\",\"max_tokens\":2000}}");

        // When it is parsed
        ProviderCall call = new OpenAiChatParser(Provider.OPENROUTER, mapper)
                .parse(request, Fixtures.json("openai-chat/openrouter-reasoning-details.json"));

        // Then the reasoning is the readable text, the encrypted part is not kept, and the settings are recorded
        assertThat(call.reasoningText()).isEqualTo("Summing the parts first.");
        assertThat(call.usage().reasoningTokens()).isEqualTo(880L);
        assertThat(call.request().params().reasoningEffort()).isEqualTo("high");
        assertThat(call.request().params().thinkingBudget()).isEqualTo(2000L);
        assertThat(call.toString()).doesNotContain("gAAAA");
    }

    @Test
    void deepSeekThinkingSettingsAreRecorded() throws Exception {
        // Given a DeepSeek request with reasoning_effort and a thinking setting
        JsonNode request = request("{\"model\":\"deepseek-reasoner\",\"messages\":[],"
                + "\"reasoning_effort\":\"high\",\"thinking\":{\"type\":\"enabled\"}}");

        // When it is parsed
        ProviderCall call = new OpenAiChatParser(Provider.DEEPSEEK, mapper)
                .parse(request, Fixtures.json("openai-chat/deepseek.json"));

        // Then the effort is recorded and reasoning_content is the reasoning, as before
        assertThat(call.request().params().reasoningEffort()).isEqualTo("high");
        assertThat(call.reasoningText()).isNotBlank();
    }

    @Test
    void gemini3ThinkingLevelIsRecordedAndThoughtSignaturesAreNot() throws Exception {
        // Given a Gemini 3 request with a thinking level instead of a budget, and an answer with a thought signature
        JsonNode request = request("{\"contents\":[],\"generationConfig\":{\"thinkingConfig\":"
                + "{\"thinkingLevel\":\"HIGH\",\"includeThoughts\":true}}}");

        // When it is parsed
        ProviderCall call = new GeminiParser(Provider.GEMINI, "gemini-3-pro-preview", false, mapper)
                .parse(request, Fixtures.json("gemini/thinking-level.json"));

        // Then the level is the recorded effort, no budget is made up, and the signature is not kept
        assertThat(call.request().params().reasoningEffort()).isEqualTo("HIGH");
        assertThat(call.request().params().thinkingBudget()).isNull();
        assertThat(call.answer()).isEqualTo("Route B is shorter.");
        assertThat(call.reasoningText()).isEqualTo("**Comparing routes**");
        assertThat(call.usage().reasoningTokens()).isEqualTo(300L);
        assertThat(call.toString()).doesNotContain("opaqueTHOUGHT");
    }

    private JsonNode request(String json) throws Exception {
        return mapper.readTree(json);
    }
}
