package io.thinkwatch.capture.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.Api;
import io.thinkwatch.model.FinishReason;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.Usage;
import io.thinkwatch.model.UsageSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class OpenAiResponsesParserTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final OpenAiResponsesParser parser = new OpenAiResponsesParser(Provider.OPENAI, mapper);

    @Test
    void readsAnswerReasoningSummariesAndUsage() throws Exception {
        // Given a completed response with a reasoning item of two summaries and a message of two text parts
        // When it is parsed
        ProviderCall call = parser.parse(
                request("{\"model\":\"o3\",\"max_output_tokens\":4000,"
                        + "\"reasoning\":{\"effort\":\"high\",\"summary\":\"auto\"},\"input\":\"Which route?\"}"),
                Fixtures.json("openai-responses/ok.json"));

        // Then the answer joins the output_text parts, the reasoning is the summaries, usage keeps reasoning in output
        assertThat(call.answer()).isEqualTo("Take route B.");
        assertThat(call.reasoningText())
                .isEqualTo("**Comparing routes**\n\nRoute B avoids the bridge.\n\nB is shorter.");
        assertThat(call.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(call.usage()).isEqualTo(new Usage(200L, 128L, 1500L, 1472L, 28L, UsageSource.PROVIDER));
        assertThat(call.request().input()).isEqualTo("Which route?");
        assertThat(call.request().params().maxOutputTokens()).isEqualTo(4000L);
        assertThat(call.request().params().reasoningEffort()).isEqualTo("high");
        assertThat(call.api()).isEqualTo(Api.RESPONSES);
    }

    @Test
    void incompleteForMaxOutputTokensWithoutMessageIsLengthAndEmpty() throws Exception {
        // Given a response whose whole budget went to reasoning: status incomplete, no message item
        // When it is parsed
        ProviderCall call = parser.parse(
                request("{\"model\":\"o3\",\"max_output_tokens\":2048}"),
                Fixtures.json("openai-responses/incomplete-empty.json"));

        // Then it ended for length, with an empty answer and the raw reason kept
        assertThat(call.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(call.rawFinishReason()).isEqualTo("max_output_tokens");
        assertThat(call.answer()).isEmpty();
        assertThat(call.usage().reasoningTokens()).isEqualTo(2048L);
    }

    @Test
    void streamEndsWithTheTerminalResponse() throws Exception {
        // Given a stream of summary and text deltas ending with response.completed
        // When it is parsed
        ProviderCall call = parser.parse(
                request("{\"model\":\"o4-mini\",\"stream\":true}"),
                Fixtures.sse("openai-responses/stream-completed.sse", true));

        // Then answer, reasoning, usage and model come out, and the first token is the first summary delta
        assertThat(call.answer()).isEqualTo("It holds.");
        assertThat(call.reasoningText()).isEqualTo("Checking the invariant.");
        assertThat(call.responseModel()).isEqualTo("o4-mini-2025-04-16");
        assertThat(call.usage().reasoningTokens()).isEqualTo(690L);
        assertThat(call.usage().source()).isEqualTo(UsageSource.PROVIDER);
        assertThat(call.firstTokenOffset())
                .isEqualTo(offsetAfter("openai-responses/stream-completed.sse", "Checking the "));
    }

    @Test
    void streamEndingIncompleteIsLength() throws Exception {
        // Given a stream whose terminal event is response.incomplete for max_output_tokens
        // When it is parsed
        ProviderCall call = parser.parse(
                request("{\"stream\":true}"), Fixtures.sse("openai-responses/stream-incomplete.sse", true));

        // Then it is a length finish with an empty answer
        assertThat(call.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(call.answer()).isEmpty();
        assertThat(call.usage().outputTokens()).isEqualTo(1024L);
    }

    @Test
    void streamCutOffBeforeTheTerminalEventHasMissingUsage() throws Exception {
        // Given a stream cut in the middle of a line, before any terminal event
        // When it is parsed
        ProviderCall call =
                parser.parse(request("{\"stream\":true}"), Fixtures.sse("openai-responses/stream-cut-off.sse", false));

        // Then the partial answer is kept, the call is aborted, and usage is missing, not zero
        assertThat(call.answer()).isEqualTo("Partial");
        assertThat(call.finishReason()).isEqualTo(FinishReason.ABORTED);
        assertThat(call.usage()).isEqualTo(Usage.missing());
    }

    @Test
    void errorEventMidStreamIsAnError() throws Exception {
        // Given a stream interrupted by an error event
        // When it is parsed
        ProviderCall call = parser.parse(request("{}"), Fixtures.sse("openai-responses/stream-error.sse", true));

        // Then the call is an error with the provider's message and keeps the partial answer
        assertThat(call.finishReason()).isEqualTo(FinishReason.ERROR);
        assertThat(call.error()).contains("error while processing");
        assertThat(call.answer()).isEqualTo("Start");
    }

    @Test
    void garbageAndHalfWrittenLinesAreSkipped() throws Exception {
        // Given a stream with a garbage line, a comment and a half-written JSON event
        // When it is parsed
        ProviderCall call = parser.parse(request("{}"), Fixtures.sse("openai-responses/stream-garbage.sse", true));

        // Then the good events make the call, the streamed answer filling in for the empty terminal output
        assertThat(call.answer()).isEqualTo("ok");
        assertThat(call.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(call.usage().outputTokens()).isEqualTo(2L);
    }

    @Test
    void inputItemsAreKeptAsMessages() throws Exception {
        // Given a request whose input is a list of items
        // When it is parsed
        ProviderCall call = parser.parse(
                request("{\"input\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                Fixtures.json("openai-responses/ok.json"));

        // Then the items are the messages and there is no input text
        assertThat(call.request().messages().get(0).get("content").asText()).isEqualTo("hi");
        assertThat(call.request().input()).isNull();
    }

    private JsonNode request(String json) throws Exception {
        return mapper.readTree(json);
    }

    /** The byte offset just past the event holding {@code text}: past the next blank line after it. */
    static int offsetAfter(String fixture, String text) {
        String body = new String(Fixtures.bytes(fixture), java.nio.charset.StandardCharsets.UTF_8);
        int end = body.indexOf("\n\n", body.indexOf(text)) + 2;
        return body.substring(0, end).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
