package io.thinkwatch.capture.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.Api;
import io.thinkwatch.model.FinishReason;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.UsageSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/** Claude on Vertex AI ({@code :rawPredict}, {@code :streamRawPredict}) and on Bedrock (InvokeModel and its stream). */
class ClaudeOnCloudsParserTest {

    private static final String BEDROCK_MODEL = "us.anthropic.claude-sonnet-4-20250514-v1:0";
    private static final String VERTEX_MODEL = "claude-sonnet-4@20250514";
    private static final String BEDROCK_REQUEST = """
            {"anthropic_version":"bedrock-2023-05-31","max_tokens":4000,
             "thinking":{"type":"enabled","budget_tokens":2000},
             "messages":[{"role":"user","content":"Which route?"}]}""";
    private static final String VERTEX_REQUEST = """
            {"anthropic_version":"vertex-2023-10-16","max_tokens":4000,"stream":%s,
             "messages":[{"role":"user","content":"Which route?"}]}""";

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void invokeModelIsAMessagesAnswerWithTheModelFromThePath() throws Exception {
        // Given an InvokeModel answer of a Claude model, whose request names no model
        // When it is parsed
        ProviderCall call = parser(Provider.BEDROCK, BEDROCK_MODEL)
                .parse(mapper.readTree(BEDROCK_REQUEST), Fixtures.json("bedrock/invoke.json"));

        // Then it is recorded like Messages, with the model id of the path and the model the answer names
        assertThat(call.api()).isEqualTo(Api.MESSAGES);
        assertThat(call.model()).isEqualTo(BEDROCK_MODEL);
        assertThat(call.responseModel()).isEqualTo("claude-sonnet-4-20250514");
        assertThat(call.reasoningText()).isEqualTo("The bridge adds ten minutes.");
        assertThat(call.answer()).isEqualTo("Route B is shorter.");
        assertThat(call.usage().outputTokens()).isEqualTo(310L);
        assertThat(call.request().params().thinkingBudget()).isEqualTo(2000L);
        assertThat(call.request().params().stream()).isFalse();
    }

    @Test
    void invokeModelWithResponseStreamIsReadFromItsChunks() throws Exception {
        // Given an InvokeModelWithResponseStream body: each Messages stream event base64 in a chunk frame
        byte[] body = chunks("bedrock/invoke-stream.chunks.json");

        // When it is parsed
        ProviderCall call = parser(Provider.BEDROCK, BEDROCK_MODEL)
                .parse(mapper.readTree(BEDROCK_REQUEST), eventStream(body, true));

        // Then the events make up the reasoning, the answer, the finish and the usage; the route streamed
        assertThat(call.reasoningText()).isEqualTo("The bridge adds ten minutes.");
        assertThat(call.answer()).isEqualTo("Route B is shorter.");
        assertThat(call.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(call.usage().inputTokens()).isEqualTo(42L);
        assertThat(call.usage().outputTokens()).isEqualTo(310L);
        assertThat(call.usage().source()).isEqualTo(UsageSource.PROVIDER);
        assertThat(call.request().params().stream()).isTrue();
        assertThat(call.firstTokenOffset()).isPositive().isLessThan(body.length);
    }

    @Test
    void aChunkStreamCutOffMidFrameIsAborted() throws Exception {
        // Given the stream a client left halfway through a frame
        byte[] whole = chunks("bedrock/invoke-stream.chunks.json");

        // When it is parsed as incomplete
        ProviderCall call = parser(Provider.BEDROCK, BEDROCK_MODEL)
                .parse(mapper.readTree(BEDROCK_REQUEST), eventStream(Arrays.copyOf(whole, whole.length / 2), false));

        // Then it is aborted with the reasoning so far and no output count
        assertThat(call.finishReason()).isEqualTo(FinishReason.ABORTED);
        assertThat(call.reasoningText()).startsWith("The bridge");
        assertThat(call.usage().source()).isEqualTo(UsageSource.MISSING);
    }

    @Test
    void anExceptionFrameEndsTheChunkStreamWithItsMessage() throws Exception {
        // Given a stream whose second frame is a throttling exception
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonNode first = mapper.readTree(Fixtures.bytes("bedrock/invoke-stream.chunks.json"))
                .get(0);
        out.write(chunk(first));
        out.write(frame(
                Map.of(
                        ":message-type", HeaderValue.fromString("exception"),
                        ":exception-type", HeaderValue.fromString("throttlingException")),
                "{\"message\":\"Too many requests, please wait before trying again.\"}"
                        .getBytes(StandardCharsets.UTF_8)));

        // When it is parsed
        ProviderCall call = parser(Provider.BEDROCK, BEDROCK_MODEL)
                .parse(mapper.readTree(BEDROCK_REQUEST), eventStream(out.toByteArray(), true));

        // Then it is an error with the exception's message
        assertThat(call.finishReason()).isEqualTo(FinishReason.ERROR);
        assertThat(call.error()).isEqualTo("Too many requests, please wait before trying again.");
    }

    @Test
    void rawPredictOnVertexIsAMessagesAnswer() throws Exception {
        // Given a :rawPredict answer of Claude on Vertex AI
        // When it is parsed
        ProviderCall call = parser(Provider.ANTHROPIC, VERTEX_MODEL)
                .parse(
                        mapper.readTree(VERTEX_REQUEST.formatted("false")),
                        Fixtures.json("anthropic/vertex-raw-predict.json"));

        // Then the model is the path's and the thinking is the reasoning
        assertThat(call.provider()).isEqualTo(Provider.ANTHROPIC);
        assertThat(call.model()).isEqualTo(VERTEX_MODEL);
        assertThat(call.reasoningText()).isEqualTo("Compare the two routes.");
        assertThat(call.answer()).isEqualTo("Route B.");
    }

    @Test
    void streamRawPredictOnVertexIsAMessagesStream() throws Exception {
        // Given a :streamRawPredict answer, the SSE stream of Messages
        // When it is parsed
        ProviderCall call = parser(Provider.ANTHROPIC, VERTEX_MODEL)
                .parse(mapper.readTree(VERTEX_REQUEST.formatted("true")), Fixtures.sse("anthropic/stream.sse", true));

        // Then it reads as a Messages stream with the path's model
        assertThat(call.model()).isEqualTo(VERTEX_MODEL);
        assertThat(call.answer()).isEqualTo("Route B.");
        assertThat(call.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(call.request().params().stream()).isTrue();
    }

    private AnthropicMessagesParser parser(Provider provider, String pathModel) {
        return new AnthropicMessagesParser(provider, pathModel, mapper);
    }

    private static ResponseCopy eventStream(byte[] body, boolean complete) {
        return new ResponseCopy(200, "application/vnd.amazon.eventstream", body, complete);
    }

    /** The fixture's Messages events framed as Bedrock frames them: a chunk event each, the event base64. */
    private byte[] chunks(String fixture) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (JsonNode event : mapper.readTree(Fixtures.bytes(fixture))) {
            out.write(chunk(event));
        }
        return out.toByteArray();
    }

    private byte[] chunk(JsonNode event) throws Exception {
        String bytes = Base64.getEncoder().encodeToString(mapper.writeValueAsBytes(event));
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString("chunk"));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        return frame(headers, mapper.writeValueAsBytes(Map.of("bytes", bytes, "p", "abcd")));
    }

    private static byte[] frame(Map<String, HeaderValue> headers, byte[] payload) {
        ByteBuffer frame = new Message(headers, payload).toByteBuffer();
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        return bytes;
    }
}
