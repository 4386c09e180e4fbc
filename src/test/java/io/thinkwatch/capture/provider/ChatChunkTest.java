package io.thinkwatch.capture.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

/** One Chat Completions stream chunk read token by token: the fields a tree read would give, wrong types absent. */
class ChatChunkTest {

    private final ObjectMapper mapper = new ObjectMapper();

    /** The chunk as it arrives: the data of one event. */
    private ChatChunk read(String data) {
        return ChatChunk.read(
                mapper, SseEvents.parse("data: " + data + "\n\n", true).get(0));
    }

    static Stream<Arguments> chunks() {
        return Stream.of(
                Arguments.of(
                        "an OpenAI text chunk, usage null",
                        "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"o3\","
                                + "\"system_fingerprint\":\"fp\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},"
                                + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}",
                        "o3",
                        List.of(new ChatChunk.Choice("Hi", null, null, List.of()))),
                Arguments.of(
                        "DeepSeek reasoning before OpenRouter's",
                        "{\"choices\":[{\"delta\":{\"reasoning\":\"r\",\"reasoning_content\":\"rc\",\"tool_calls\":[{\"id\":1}]}}]}",
                        null,
                        // a tool call piece whose id has the wrong type is read without it
                        List.of(new ChatChunk.Choice(
                                null, "rc", null, List.of(new ChatChunk.ToolDelta(0, null, null, null))))),
                Arguments.of(
                        "OpenRouter reasoning, finish, two choices",
                        "{\"choices\":[{\"delta\":{\"reasoning\":\"r\"}},{\"delta\":{},\"finish_reason\":\"length\"}]}",
                        null,
                        List.of(
                                new ChatChunk.Choice(null, "r", null, List.of()),
                                new ChatChunk.Choice(null, null, "length", List.of()))),
                Arguments.of(
                        "wrong types read as absent",
                        "{\"model\":7,\"choices\":[5,{\"delta\":{\"content\":{\"a\":[1]},\"reasoning\":3},"
                                + "\"finish_reason\":[\"stop\"]}]}",
                        null,
                        List.of(new ChatChunk.Choice(null, null, null, List.of()))),
                Arguments.of(
                        "choices not an array",
                        "{\"choices\":{\"delta\":{\"content\":\"x\"}},\"model\":\"m\"}",
                        "m",
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chunks")
    void readsTheFieldsCaptureKeeps(String name, String data, String model, List<ChatChunk.Choice> choices) {
        // Given a chunk's data
        // When it is read
        ChatChunk chunk = read(data);

        // Then the model and each choice's texts are those of the chunk, wrong types absent
        assertThat(chunk).as(name).isNotNull();
        assertThat(chunk.model()).as(name).isEqualTo(model);
        assertThat(chunk.choices()).as(name).isEqualTo(choices);
        assertThat(chunk.usage()).as(name).isNull();
        assertThat(chunk.error()).as(name).isNull();
    }

    @Test
    void usageAndErrorAreKeptAsTrees() {
        // Given the usage chunk and an error chunk
        ChatChunk usage = read(
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens_details\":{\"reasoning_tokens\":2}}}");
        ChatChunk error = read("{\"error\":{\"message\":\"overloaded\"}}");

        // Then both are read whole
        assertThat(usage.usage()
                        .path("completion_tokens_details")
                        .path("reasoning_tokens")
                        .asLong())
                .isEqualTo(2);
        assertThat(usage.choices()).isEmpty();
        assertThat(error.error().path("message").asText()).isEqualTo("overloaded");
    }

    @Test
    void notAnObjectOrCutOffIsNoChunk() {
        // Given data that is not one whole JSON object
        // Then it reads as no chunk at all, so nothing of it is half applied
        assertThat(read("[DONE]")).isNull();
        assertThat(read("[1,2]")).isNull();
        assertThat(read("{\"choices\":[{\"delta\":{\"content\":\"half")).isNull();
        assertThat(read("{\"choices\":[{\"delta\":{\"content\":\"x\"}}]")).isNull();
        assertThat(read("")).isNull();
        assertThat(read("{\"model\":\"o3\"} trailing")).isNotNull();
    }
}
