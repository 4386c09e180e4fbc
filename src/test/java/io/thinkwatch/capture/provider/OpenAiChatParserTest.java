package io.thinkwatch.capture.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.FinishReason;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.Usage;
import io.thinkwatch.model.UsageSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class OpenAiChatParserTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final OpenAiChatParser parser = new OpenAiChatParser(Provider.OPENAI, mapper);

    @Test
    void readsAnswerAndReasoningUsage() throws IOException {
        // Given a plain completion of a reasoning model
        // When it is parsed
        ProviderCall call =
                parser.parse(request("{\"model\":\"o3\",\"max_completion_tokens\":25000}"), json("ok.json"));

        // Then the usage keeps reasoning inside output, and the visible part is the rest
        assertThat(call.answer()).isEqualTo("42");
        assertThat(call.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(call.responseModel()).isEqualTo("o3-2025-04-16");
        assertThat(call.usage()).isEqualTo(new Usage(120L, 64L, 1850L, 1792L, 58L, UsageSource.PROVIDER));
        assertThat(call.request().params().maxOutputTokens()).isEqualTo(25000L);
    }

    @Test
    void emptyAnswerWithLengthIsTheBudgetRunningOut() throws IOException {
        // Given a completion whose whole budget went to reasoning
        // When it is parsed
        ProviderCall call = parser.parse(request("{\"model\":\"o3\",\"max_tokens\":4000}"), json("empty-length.json"));

        // Then the finish reason says length and the answer is empty
        assertThat(call.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(call.rawFinishReason()).isEqualTo("length");
        assertThat(call.answer()).isEmpty();
        assertThat(call.usage().reasoningTokens()).isEqualTo(4000L);
        assertThat(call.request().params().maxOutputTokens()).isEqualTo(4000L);
    }

    @Test
    void readsDeepSeekReasoningContent() throws IOException {
        // Given a DeepSeek reasoner completion
        // When it is parsed
        ProviderCall call = new OpenAiChatParser(Provider.DEEPSEEK, mapper).parse(request("{}"), json("deepseek.json"));

        // Then the visible reasoning is kept apart from the answer
        assertThat(call.reasoningText()).isEqualTo("First, compare the two routes.");
        assertThat(call.answer()).isEqualTo("Route B.");
    }

    @Test
    void streamWithUsageChunkGivesProviderUsage() throws IOException {
        // Given a stream that ends with the usage chunk and [DONE]
        // When it is parsed
        ProviderCall call = parser.parse(request("{\"stream\":true}"), sse("stream-with-usage.sse", true));

        // Then the answer is the joined deltas and usage is the provider's
        assertThat(call.answer()).isEqualTo("Hello");
        assertThat(call.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(call.usage().reasoningTokens()).isEqualTo(690L);
        assertThat(call.usage().source()).isEqualTo(UsageSource.PROVIDER);
        assertThat(call.firstTokenOffset())
                .isEqualTo(OpenAiResponsesParserTest.offsetAfter("openai-chat/stream-with-usage.sse", "Hel"));
    }

    @Test
    void streamCutOffBeforeUsageHasMissingUsageNotZero() throws IOException {
        // Given a stream that stopped mid-line, before any usage
        // When it is parsed
        ProviderCall call = parser.parse(request("{\"stream\":true}"), sse("stream-cut-off.sse", false));

        // Then the partial answer is kept, the call is aborted, and usage is missing rather than 0
        assertThat(call.answer()).isEqualTo("Partial an");
        assertThat(call.finishReason()).isEqualTo(FinishReason.ABORTED);
        assertThat(call.usage()).isEqualTo(Usage.missing());
    }

    @Test
    void garbageLinesInAStreamAreSkipped() throws IOException {
        // Given a stream with a non-SSE line, a comment and a data line that is not JSON
        // When it is parsed
        ProviderCall call = parser.parse(request("{}"), sse("stream-garbage.sse", true));

        // Then the good events still make the answer
        assertThat(call.answer()).isEqualTo("ok");
        assertThat(call.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void errorEventMidStreamMakesAnErrorCall() throws IOException {
        // Given a stream interrupted by an error event
        // When it is parsed
        ProviderCall call = parser.parse(request("{}"), sse("error-mid-stream.sse", true));

        // Then the call is an error with the provider's message, and the partial answer is kept
        assertThat(call.finishReason()).isEqualTo(FinishReason.ERROR);
        assertThat(call.error()).contains("error while processing");
        assertThat(call.answer()).isEqualTo("Start");
    }

    @Test
    void errorStatusKeepsTheProviderMessage() throws IOException {
        // Given a 429 from the provider
        byte[] body = "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_exceeded\"}}"
                .getBytes(StandardCharsets.UTF_8);

        // When it is parsed
        ProviderCall call =
                parser.parse(request("{\"model\":\"o3\"}"), new ResponseCopy(429, "application/json", body, true));

        // Then the call is an error with the provider's message and no usage
        assertThat(call.finishReason()).isEqualTo(FinishReason.ERROR);
        assertThat(call.error()).isEqualTo("Rate limit reached");
        assertThat(call.usage().source()).isEqualTo(UsageSource.MISSING);
    }

    @Test
    void bodyThatIsNotJsonIsAnErrorNotACrash() throws IOException {
        // Given a 200 whose body is not JSON
        // When it is parsed
        ProviderCall call = parser.parse(
                request("{}"), new ResponseCopy(200, "application/json", new byte[] {(byte) 0xff, '{', 'x'}, true));

        // Then the call is recorded as an error
        assertThat(call.finishReason()).isEqualTo(FinishReason.ERROR);
        assertThat(call.error()).contains("not JSON");
    }

    @Test
    void wrongTypesReadAsAbsent() throws IOException {
        // Given a request and usage with wrong types
        ProviderCall call = parser.parse(
                request("{\"model\":7,\"max_completion_tokens\":\"lots\"}"),
                new ResponseCopy(
                        200,
                        "application/json",
                        "{\"choices\":[{\"message\":{\"content\":5}}],\"usage\":{\"completion_tokens\":\"9\"}}"
                                .getBytes(StandardCharsets.UTF_8),
                        true));

        // Then nothing is invented: the fields are null
        assertThat(call.model()).isNull();
        assertThat(call.request().params().maxOutputTokens()).isNull();
        assertThat(call.answer()).isNull();
        assertThat(call.usage().outputTokens()).isNull();
    }

    private JsonNode request(String json) throws IOException {
        return mapper.readTree(json);
    }

    private ResponseCopy json(String fixture) throws IOException {
        return new ResponseCopy(200, "application/json", fixture(fixture), true);
    }

    private ResponseCopy sse(String fixture, boolean complete) throws IOException {
        return new ResponseCopy(200, "text/event-stream; charset=utf-8", fixture(fixture), complete);
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = OpenAiChatParserTest.class.getResourceAsStream("/fixtures/openai-chat/" + name)) {
            return in.readAllBytes();
        }
    }
}
