package io.thinkwatch.capture.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.Attribution;
import io.thinkwatch.model.FinishReason;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.ToolCall;
import io.thinkwatch.model.TraceEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The tool calls of every API, plain and streamed: names, ids, argument sizes in bytes as sent, and the arguments
 * text; a call that ended to call tools is not an empty answer; and reading never changes the bytes it reads.
 */
class ToolCallsTest {

    /** {@code {"city":"Zürich"}}: 17 characters, 18 bytes (ü is two). */
    private static final String ARGS = "{\"city\":\"Zürich\"}";

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void chatCompletionReadsFunctionAndCustomToolCalls() {
        // Given a plain Chat Completion that called a function and a custom tool
        ResponseCopy response = Fixtures.json("openai-chat/tool-calls.json");

        // When it is parsed
        ProviderCall call = unchanged(
                response,
                () -> new OpenAiChatParser(Provider.OPENAI, mapper).parse(request("{\"model\":\"o3\"}"), response));

        // Then both calls are there, with their sizes in bytes, and the finish is for tool calls
        assertThat(call.toolCalls())
                .containsExactly(
                        new ToolCall("call_abc", "get_weather", 18L, ARGS),
                        new ToolCall("call_def", "run_sql", 8L, "SELECT 1"));
        assertThat(call.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(trace(call).emptyAnswer()).isFalse();
        assertThat(trace(call).toolCallCount()).isEqualTo(2);
    }

    @Test
    void chatStreamJoinsToolCallPiecesByIndex() {
        // Given a streamed Chat Completion whose tool call arguments came in pieces, a second call after
        ResponseCopy response = Fixtures.sse("openai-chat/stream-tool-calls.sse", true);

        // When it is parsed
        ProviderCall call = unchanged(
                response,
                () -> new OpenAiChatParser(Provider.OPENAI, mapper)
                        .parse(request("{\"model\":\"o3\",\"stream\":true}"), response));

        // Then each call is whole, in order, and the empty text is not an empty answer
        assertThat(call.toolCalls())
                .containsExactly(
                        new ToolCall("call_abc", "get_weather", 18L, ARGS),
                        new ToolCall("call_def", "get_time", 2L, "{}"));
        assertThat(call.answer()).isEmpty();
        assertThat(call.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(trace(call).emptyAnswer()).isFalse();
    }

    @Test
    void responsesReadsFunctionCallItemsAndNamesBuiltInToolsByType() {
        // Given a Response with a function call and a web search
        ResponseCopy response = Fixtures.json("openai-responses/function-call.json");

        // When it is parsed
        ProviderCall call = unchanged(
                response,
                () -> new OpenAiResponsesParser(Provider.OPENAI, mapper)
                        .parse(request("{\"model\":\"o3\"}"), response));

        // Then the function call has its call id and arguments; the built-in tool is named by its type
        assertThat(call.toolCalls())
                .containsExactly(
                        new ToolCall("call_abc", "get_weather", 18L, ARGS),
                        new ToolCall("ws_1", "web_search_call", null, null));
        assertThat(call.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(trace(call).emptyAnswer()).isFalse();
    }

    @Test
    void responsesStreamReadsTheFunctionCall() {
        // Given a streamed Response that called a function
        ResponseCopy response = Fixtures.sse("openai-responses/stream-function-call.sse", true);

        // When it is parsed
        ProviderCall call = unchanged(
                response,
                () -> new OpenAiResponsesParser(Provider.OPENAI, mapper)
                        .parse(request("{\"model\":\"o3\",\"stream\":true}"), response));

        // Then the call is read, and the finish is for tool calls
        assertThat(call.toolCalls()).containsExactly(new ToolCall("call_abc", "get_weather", 18L, ARGS));
        assertThat(call.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(trace(call).emptyAnswer()).isFalse();
    }

    @Test
    void responsesStreamCutOffKeepsTheArgumentsPiecesThatCame() {
        // Given a streamed Response the client left while the arguments came
        ResponseCopy response = Fixtures.sse("openai-responses/stream-function-call-cut-off.sse", false);

        // When it is parsed
        ProviderCall call = new OpenAiResponsesParser(Provider.OPENAI, mapper)
                .parse(request("{\"model\":\"o3\",\"stream\":true}"), response);

        // Then the call is there with what had come
        assertThat(call.finishReason()).isEqualTo(FinishReason.ABORTED);
        assertThat(call.toolCalls()).containsExactly(new ToolCall("call_abc", "get_weather", 18L, ARGS));
    }

    @Test
    void anthropicReadsToolUseBlocks() {
        // Given a Messages answer that thought, then used a tool
        ResponseCopy response = Fixtures.json("anthropic/tool-use.json");

        // When it is parsed
        ProviderCall call = unchanged(
                response,
                () -> new AnthropicMessagesParser(Provider.ANTHROPIC, mapper)
                        .parse(request("{\"model\":\"claude-sonnet-4\"}"), response));

        // Then the input object is kept as compact JSON, with its size
        assertThat(call.toolCalls()).containsExactly(new ToolCall("toolu_01", "get_weather", 18L, ARGS));
        assertThat(call.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(trace(call).emptyAnswer()).isFalse();
    }

    @Test
    void anthropicStreamJoinsInputJsonDeltas() {
        // Given a streamed Messages answer with a tool use in pieces, and one without input
        ResponseCopy response = Fixtures.sse("anthropic/stream-tool-use.sse", true);

        // When it is parsed
        ProviderCall call = unchanged(
                response,
                () -> new AnthropicMessagesParser(Provider.ANTHROPIC, mapper)
                        .parse(request("{\"model\":\"claude-sonnet-4\",\"stream\":true}"), response));

        // Then the pieces are joined as sent (19 bytes with the space), and an input without pieces is the block's
        assertThat(call.toolCalls())
                .containsExactly(
                        new ToolCall("toolu_01", "get_weather", 19L, "{\"city\": \"Zürich\"}"),
                        new ToolCall("toolu_02", "get_time", 2L, "{}"));
        assertThat(call.reasoningText()).isEqualTo("Need the weather.");
        assertThat(call.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(trace(call).emptyAnswer()).isFalse();
    }

    @Test
    void geminiReadsFunctionCallParts() {
        // Given a plain Gemini answer that called a function (finish STOP, as Gemini says it)
        ResponseCopy response = Fixtures.json("gemini/function-call.json");

        // When it is parsed
        ProviderCall call = unchanged(
                response,
                () -> new GeminiParser(Provider.GEMINI, "gemini-2.5-pro", false, mapper)
                        .parse(request("{}"), response));

        // Then the call is there with its id, and the finish is for tool calls
        assertThat(call.toolCalls()).containsExactly(new ToolCall("fc-1", "get_weather", 18L, ARGS));
        assertThat(call.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(trace(call).emptyAnswer()).isFalse();
    }

    @Test
    void geminiStreamReadsFunctionCallsOfEveryChunk() {
        // Given a streamed Gemini answer with two function calls in two chunks
        ResponseCopy response = Fixtures.sse("gemini/stream-function-call.sse", true);

        // When it is parsed
        ProviderCall call = unchanged(
                response,
                () -> new GeminiParser(Provider.GEMINI, "gemini-2.5-pro", true, mapper).parse(request("{}"), response));

        // Then both are there, without ids (Gemini 2.5 sends none)
        assertThat(call.toolCalls())
                .containsExactly(
                        new ToolCall(null, "get_weather", 18L, ARGS), new ToolCall(null, "get_time", 2L, "{}"));
        assertThat(call.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(trace(call).emptyAnswer()).isFalse();
    }

    @Test
    void anAnswerWithoutToolCallsHasNone() {
        // Given a plain answer
        ProviderCall call = new OpenAiChatParser(Provider.OPENAI, mapper)
                .parse(request("{\"model\":\"o3\"}"), Fixtures.json("openai-chat/ok.json"));

        // Then the trace has no tool call fields at all
        assertThat(call.toolCalls()).isEmpty();
        assertThat(trace(call).toolCalls()).isNull();
        assertThat(trace(call).toolCallCount()).isNull();
    }

    private JsonNode request(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TraceEvent trace(ProviderCall call) {
        return TraceAssembler.assemble(
                "tr1",
                new Attribution("t1", "app", "prod", null, null, null, null),
                call,
                200,
                new Timings(Instant.EPOCH, null, Instant.EPOCH),
                "i1");
    }

    /** Parses, and checks that the bytes read are the bytes that were there before. */
    private static ProviderCall unchanged(ResponseCopy response, Supplier<ProviderCall> parse) {
        byte[] before = response.body().clone();
        ProviderCall call = parse.get();
        assertThat(response.body()).isEqualTo(before);
        return call;
    }
}
