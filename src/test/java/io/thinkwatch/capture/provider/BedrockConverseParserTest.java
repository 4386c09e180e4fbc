package io.thinkwatch.capture.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.FinishReason;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.ToolCall;
import io.thinkwatch.model.Usage;
import io.thinkwatch.model.UsageSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

class BedrockConverseParserTest {

    private static final String MODEL = "anthropic.claude-sonnet-4-20250514-v1:0";
    private static final String REQUEST = """
            {"messages":[{"role":"user","content":[{"text":"Which route?"}]}],
             "inferenceConfig":{"maxTokens":4000,"temperature":1.0},
             "additionalModelRequestFields":{"thinking":{"type":"enabled","budget_tokens":2000}}}""";

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void reasoningContentIsTheReasoningAndCacheCountsAreInput() throws Exception {
        // Given a Converse answer with a reasoning block, a text block and cache reads and writes
        // When it is parsed
        ProviderCall call = parser(false).parse(request(REQUEST), Fixtures.json("bedrock/reasoning.json"));

        // Then the model comes from the path, the reasoning is its own text, and reasoning tokens are unknown
        assertThat(call.model()).isEqualTo(MODEL);
        assertThat(call.answer()).isEqualTo("Route B is shorter.");
        assertThat(call.reasoningText()).isEqualTo("The bridge adds ten minutes.");
        assertThat(call.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(call.usage()).isEqualTo(new Usage(80L, 40L, 620L, null, null, UsageSource.PROVIDER, 10L));
        assertThat(call.request().params().maxOutputTokens()).isEqualTo(4000L);
        assertThat(call.request().params().thinkingBudget()).isEqualTo(2000L);
        assertThat(call.request().params().stream()).isFalse();
    }

    @Test
    void redactedReasoningThatRanOutOfTokensIsLengthAndEmpty() throws Exception {
        // Given an answer of only redacted reasoning that stopped at max_tokens
        // When it is parsed
        ProviderCall call = parser(false).parse(request("{}"), Fixtures.json("bedrock/redacted-max-tokens.json"));

        // Then it is a length finish with an empty answer, and the opaque reasoning is noted, never copied
        assertThat(call.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(call.answer()).isEmpty();
        assertThat(call.reasoningText()).isEqualTo(AnthropicMessagesParser.REDACTED);
        assertThat(call.usage().outputTokens()).isEqualTo(1024L);
    }

    @Test
    void aToolCallIsNotAnEmptyAnswer() throws Exception {
        // Given an answer that only calls a tool, without reasoning
        // When it is parsed
        ProviderCall call = parser(false).parse(request("{}"), Fixtures.json("bedrock/tool-use.json"));

        // Then it finished for tool calls, and with no reasoning block reasoning is known to be 0
        assertThat(call.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(call.usage().reasoningTokens()).isZero();
        // and the tool use is recorded, its input object as compact JSON with its size
        assertThat(call.toolCalls())
                .containsExactly(new ToolCall("tooluse_1", "route_length", 13L, "{\"route\":\"B\"}"));
    }

    @Test
    void aStreamedToolUseJoinsItsInputPieces() throws Exception {
        // Given a ConverseStream that called a tool, its input in two pieces
        byte[] body = frames("bedrock/stream-tool-use.events.json");
        byte[] before = body.clone();

        // When it is parsed
        ProviderCall call = parser(true).parse(request(REQUEST), stream(body, true));

        // Then the call has its id, name and whole input (18 bytes: ü is two), and the bytes are as they were
        assertThat(call.toolCalls())
                .containsExactly(new ToolCall("tooluse_1", "get_weather", 18L, "{\"city\":\"Zürich\"}"));
        assertThat(call.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(call.answer()).isEmpty();
        assertThat(body).isEqualTo(before);
    }

    @Test
    void anErrorStatusReadsBedrocksMessage() {
        // Given a 429 with Bedrock's error body
        ResponseCopy response = new ResponseCopy(
                429,
                "application/json",
                "{\"message\":\"Too many requests, please wait before trying again.\"}"
                        .getBytes(StandardCharsets.UTF_8),
                true);

        // When it is parsed
        ProviderCall call = parser(false).parse(request(REQUEST), response);

        // Then it is an error with that message
        assertThat(call.finishReason()).isEqualTo(FinishReason.ERROR);
        assertThat(call.error()).isEqualTo("Too many requests, please wait before trying again.");
    }

    @Test
    void aStreamIsReadFromItsEventStreamFrames() throws Exception {
        // Given a ConverseStream body: reasoning deltas, a signature, text deltas, the stop and the metadata
        byte[] body = frames("bedrock/stream.events.json");

        // When it is parsed
        ProviderCall call = parser(true).parse(request(REQUEST), stream(body, true));

        // Then the deltas make up the reasoning and the answer, and the usage is the metadata's
        assertThat(call.reasoningText()).isEqualTo("The bridge adds ten minutes.");
        assertThat(call.answer()).isEqualTo("Route B is shorter.");
        assertThat(call.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(call.rawFinishReason()).isEqualTo("end_turn");
        assertThat(call.usage().inputTokens()).isEqualTo(30L);
        assertThat(call.usage().outputTokens()).isEqualTo(620L);
        assertThat(call.usage().reasoningTokens()).isNull();
        assertThat(call.request().params().stream()).isTrue();
        assertThat(call.firstTokenOffset()).isPositive().isLessThan(body.length);
    }

    @Test
    void aStreamCutOffMidFrameKeepsWhatWasWhole() throws Exception {
        // Given a stream the client left in the middle of a frame, before the stop
        byte[] whole = frames("bedrock/stream.events.json");
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);

        // When it is parsed as incomplete
        ProviderCall call = parser(true).parse(request(REQUEST), stream(cut, false));

        // Then it is aborted, with the reasoning so far and usage missing
        assertThat(call.finishReason()).isEqualTo(FinishReason.ABORTED);
        assertThat(call.reasoningText()).startsWith("The bridge");
        assertThat(call.usage().source()).isEqualTo(UsageSource.MISSING);
    }

    @Test
    void anExceptionFrameEndsTheStreamWithItsMessage() throws Exception {
        // Given a stream that ends with a throttling exception frame
        byte[] body = frames("bedrock/stream-throttled.events.json");

        // When it is parsed
        ProviderCall call = parser(true).parse(request(REQUEST), stream(body, true));

        // Then it is an error with the exception's message and the text that came before it
        assertThat(call.finishReason()).isEqualTo(FinishReason.ERROR);
        assertThat(call.error()).isEqualTo("Too many tokens, please wait before trying again.");
        assertThat(call.answer()).isEqualTo("Route B ");
    }

    @Test
    void bytesThatAreNotFramesAreAnError() {
        // Given a complete stream body that is not event-stream framing
        byte[] body = "{\"message\":\"not a stream\"}".getBytes(StandardCharsets.UTF_8);

        // When it is parsed
        ProviderCall call = parser(true).parse(request(REQUEST), stream(body, true));

        // Then it is an error, not a crash
        assertThat(call.finishReason()).isEqualTo(FinishReason.ERROR);
        assertThat(call.error()).isNotBlank();
    }

    private BedrockConverseParser parser(boolean stream) {
        return new BedrockConverseParser(Provider.BEDROCK, MODEL, stream, mapper);
    }

    private JsonNode request(String json) {
        try {
            return mapper.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ResponseCopy stream(byte[] body, boolean complete) {
        return new ResponseCopy(200, "application/vnd.amazon.eventstream", body, complete);
    }

    /** The events of a fixture, framed by the event-stream library as Bedrock frames them. */
    private byte[] frames(String fixture) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (JsonNode event : mapper.readTree(Fixtures.bytes(fixture))) {
            Map<String, HeaderValue> headers = new LinkedHashMap<>();
            if (event.has("exception")) {
                headers.put(
                        ":exception-type",
                        HeaderValue.fromString(event.get("exception").asText()));
                headers.put(":message-type", HeaderValue.fromString("exception"));
            } else {
                headers.put(
                        ":event-type", HeaderValue.fromString(event.get("type").asText()));
                headers.put(":message-type", HeaderValue.fromString("event"));
            }
            headers.put(":content-type", HeaderValue.fromString("application/json"));
            ByteBuffer frame = new Message(headers, mapper.writeValueAsBytes(event.get("payload"))).toByteBuffer();
            byte[] bytes = new byte[frame.remaining()];
            frame.get(bytes);
            out.write(bytes);
        }
        return out.toByteArray();
    }
}
