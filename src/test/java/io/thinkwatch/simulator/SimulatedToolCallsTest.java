package io.thinkwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.thinkwatch.capture.provider.AnthropicMessagesParser;
import io.thinkwatch.capture.provider.BedrockConverseParser;
import io.thinkwatch.capture.provider.GeminiParser;
import io.thinkwatch.capture.provider.OpenAiChatParser;
import io.thinkwatch.capture.provider.OpenAiResponsesParser;
import io.thinkwatch.capture.provider.ProviderCall;
import io.thinkwatch.capture.provider.ProviderParser;
import io.thinkwatch.capture.provider.ResponseCopy;
import io.thinkwatch.model.FinishReason;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.ToolCall;
import io.vertx.core.buffer.Buffer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The simulator's tool-call answers, in every API's shape, plain and streamed, read by capture's parsers as the tool
 * call they simulate: the ITs that drive capture against the simulator can then assert tool calls offline.
 */
class SimulatedToolCallsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SimulatedCall.Tool TOOL =
            new SimulatedCall.Tool("call_sim_1", "get_weather", SimulatedCall.TOOL_ARGUMENTS);
    private static final SimulatedCall CALL =
            new SimulatedCall("id1", "o3", "", "Weighing the routes.", false, 12, 300, 12, TOOL);
    /** The arguments' size in bytes: 26 characters, ü two bytes. */
    private static final long BYTES = 27;

    static Stream<Arguments> apis() {
        return Stream.of(
                Arguments.of("chat", SimulatedApi.CHAT, new OpenAiChatParser(Provider.OPENAI, MAPPER), false),
                Arguments.of("chat", SimulatedApi.CHAT, new OpenAiChatParser(Provider.OPENAI, MAPPER), true),
                Arguments.of(
                        "responses", SimulatedApi.RESPONSES, new OpenAiResponsesParser(Provider.OPENAI, MAPPER), false),
                Arguments.of(
                        "responses", SimulatedApi.RESPONSES, new OpenAiResponsesParser(Provider.OPENAI, MAPPER), true),
                Arguments.of(
                        "messages",
                        SimulatedApi.MESSAGES,
                        new AnthropicMessagesParser(Provider.ANTHROPIC, MAPPER),
                        false),
                Arguments.of(
                        "messages",
                        SimulatedApi.MESSAGES,
                        new AnthropicMessagesParser(Provider.ANTHROPIC, MAPPER),
                        true),
                Arguments.of(
                        "gemini", SimulatedApi.GEMINI, new GeminiParser(Provider.GEMINI, "g", false, MAPPER), false),
                Arguments.of("gemini", SimulatedApi.GEMINI, new GeminiParser(Provider.GEMINI, "g", true, MAPPER), true),
                Arguments.of(
                        "converse",
                        SimulatedApi.CONVERSE,
                        new BedrockConverseParser(Provider.BEDROCK, "m", false, MAPPER),
                        false),
                Arguments.of(
                        "converse",
                        SimulatedApi.CONVERSE,
                        new BedrockConverseParser(Provider.BEDROCK, "m", true, MAPPER),
                        true));
    }

    @ParameterizedTest(name = "{0}, streamed {3}")
    @MethodSource("apis")
    void theSimulatedToolCallIsReadAsOne(String name, SimulatedApi api, ProviderParser parser, boolean stream)
            throws Exception {
        // Given the simulator's tool-call answer in this API's shape
        ResponseCopy response = stream ? streamed(api) : plain(api);

        // When capture's parser reads it
        JsonNode request = MAPPER.createObjectNode().put("stream", stream);
        ProviderCall call = parser.parse(request, response);

        // Then it is one call of the tool, with its id, arguments and their size, and the finish is for tool calls
        assertThat(call.toolCalls())
                .containsExactly(new ToolCall("call_sim_1", "get_weather", BYTES, TOOL.arguments()));
        assertThat(call.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(call.answer()).isNullOrEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apis")
    void theFirstToolOfTheRequestIsTheOneCalled(String name, SimulatedApi api, ProviderParser parser, boolean stream)
            throws Exception {
        // Given a request offering tools in this API's shape
        String tools = switch (name) {
            case "chat" -> "{\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}]}";
            case "gemini" -> "{\"tools\":[{\"functionDeclarations\":[{\"name\":\"get_weather\"}]}]}";
            case "converse" -> "{\"toolConfig\":{\"tools\":[{\"toolSpec\":{\"name\":\"get_weather\"}}]}}";
            default -> "{\"tools\":[{\"name\":\"get_weather\"}]}";
        };

        // When the simulator looks for the tool to call
        // Then it finds its name; without tools, none
        assertThat(SimulatedCall.firstToolName(MAPPER.readTree(tools))).isEqualTo("get_weather");
        assertThat(SimulatedCall.firstToolName(MAPPER.readTree("{}"))).isNull();
    }

    private static ResponseCopy plain(SimulatedApi api) throws Exception {
        return new ResponseCopy(200, "application/json", MAPPER.writeValueAsBytes(api.body(CALL, MAPPER)), true);
    }

    private static ResponseCopy streamed(SimulatedApi api) {
        List<String> events = api.events(CALL, MAPPER.createObjectNode(), MAPPER);
        if (api == SimulatedApi.CONVERSE) {
            return new ResponseCopy(200, EventStreamFrames.CONTENT_TYPE, join(events, EventStreamFrames::encode), true);
        }
        return new ResponseCopy(
                200, "text/event-stream", join(events, e -> Buffer.buffer(e.getBytes(StandardCharsets.UTF_8))), true);
    }

    private static byte[] join(List<String> events, Function<String, Buffer> frame) {
        Buffer all = Buffer.buffer();
        events.forEach(e -> all.appendBuffer(frame.apply(e)));
        return all.getBytes();
    }
}
