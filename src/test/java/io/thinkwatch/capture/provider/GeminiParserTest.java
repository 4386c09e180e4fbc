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

class GeminiParserTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void thoughtsAreReasoningAndAreAddedToTheOutputCount() throws Exception {
        // Given an answer with a thought part and a text part
        // When it is parsed
        ProviderCall call = parser(false)
                .parse(
                        request("{\"contents\":[],\"generationConfig\":{\"maxOutputTokens\":8192,"
                                + "\"thinkingConfig\":{\"thinkingBudget\":2048}}}"),
                        Fixtures.json("gemini/thoughts.json"));

        // Then the thought is the reasoning and output = candidates + thoughts
        assertThat(call.answer()).isEqualTo("Route B is shorter.");
        assertThat(call.reasoningText()).isEqualTo("**Weighing the routes**\nThe bridge adds ten minutes.");
        assertThat(call.usage()).isEqualTo(new Usage(30L, 10L, 608L, 600L, 8L, UsageSource.PROVIDER));
        assertThat(call.model()).isEqualTo("gemini-2.5-pro");
        assertThat(call.request().params().thinkingBudget()).isEqualTo(2048L);
        assertThat(call.request().params().maxOutputTokens()).isEqualTo(8192L);
        assertThat(call.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void maxTokensWithOnlyThoughtsIsLengthAndEmpty() throws Exception {
        // Given an answer of only thought parts that stopped at MAX_TOKENS, without candidatesTokenCount
        // When it is parsed
        ProviderCall call = parser(false).parse(request("{}"), Fixtures.json("gemini/max-tokens-empty.json"));

        // Then it is a length finish with an empty answer; the absent candidates count is Gemini's 0
        assertThat(call.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(call.rawFinishReason()).isEqualTo("MAX_TOKENS");
        assertThat(call.answer()).isEmpty();
        assertThat(call.usage().outputTokens()).isEqualTo(1024L);
        assertThat(call.usage().visibleOutputTokens()).isZero();
    }

    @Test
    void sseStreamTakesUsageFromTheLastChunk() throws Exception {
        // Given an alt=sse stream whose usage is complete only on the last chunk
        // When it is parsed
        ProviderCall call = parser(true).parse(request("{}"), Fixtures.sse("gemini/stream.sse", true));

        // Then the answer and reasoning are joined and usage is the last one
        assertThat(call.answer()).isEqualTo("Route B.");
        assertThat(call.reasoningText()).isEqualTo("Thinking about routes.");
        assertThat(call.usage()).isEqualTo(new Usage(30L, 0L, 403L, 400L, 3L, UsageSource.PROVIDER));
        assertThat(call.request().params().stream()).isTrue();
        assertThat(call.firstTokenOffset())
                .isEqualTo(OpenAiResponsesParserTest.offsetAfter("gemini/stream.sse", "Thinking"));
    }

    @Test
    void jsonArrayStreamIsReadElementByElement() throws Exception {
        // Given a streamGenerateContent answer without alt=sse: a JSON array
        // When it is parsed
        ProviderCall call = parser(true).parse(request("{}"), Fixtures.json("gemini/stream-array.json"));

        // Then its elements are folded like SSE chunks
        assertThat(call.answer()).isEqualTo("Route B.");
        assertThat(call.usage().outputTokens()).isEqualTo(53L);
        assertThat(call.firstTokenOffset()).isPositive();
    }

    @Test
    void streamCutOffHasMissingUsage() throws Exception {
        // Given a stream cut mid-line, whose only whole chunk has no output counts and no finish reason
        // When it is parsed
        ProviderCall call = parser(true).parse(request("{}"), Fixtures.sse("gemini/stream-cut-off.sse", false));

        // Then the partial answer is kept and the call is aborted
        assertThat(call.answer()).isEqualTo("Partial");
        assertThat(call.finishReason()).isEqualTo(FinishReason.ABORTED);
    }

    @Test
    void errorChunkMidStreamIsAnError() throws Exception {
        // Given a stream interrupted by an error object
        // When it is parsed
        ProviderCall call = parser(true).parse(request("{}"), Fixtures.sse("gemini/stream-error.sse", true));

        // Then the call is an error with the provider's message
        assertThat(call.finishReason()).isEqualTo(FinishReason.ERROR);
        assertThat(call.error()).contains("overloaded");
        assertThat(call.answer()).isEqualTo("Start");
    }

    @Test
    void garbageAndHalfWrittenLinesAreSkipped() throws Exception {
        // Given a stream with garbage, a comment and a half-written JSON chunk
        // When it is parsed
        ProviderCall call = parser(true).parse(request("{}"), Fixtures.sse("gemini/stream-garbage.sse", true));

        // Then the good chunk makes the call
        assertThat(call.answer()).isEqualTo("ok");
        assertThat(call.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void errorStatusKeepsTheProviderMessage() throws Exception {
        // Given a 400 in Gemini's error shape
        byte[] body = "{\"error\":{\"code\":400,\"message\":\"API key not valid.\",\"status\":\"INVALID_ARGUMENT\"}}"
                .getBytes(StandardCharsets.UTF_8);

        // When it is parsed
        ProviderCall call = parser(false).parse(request("{}"), new ResponseCopy(400, "application/json", body, true));

        // Then it is an error with the message
        assertThat(call.error()).isEqualTo("API key not valid.");
        assertThat(call.finishReason()).isEqualTo(FinishReason.ERROR);
    }

    private GeminiParser parser(boolean stream) {
        return new GeminiParser(Provider.GEMINI, "gemini-2.5-pro", stream, mapper);
    }

    private JsonNode request(String json) throws Exception {
        return mapper.readTree(json);
    }
}
