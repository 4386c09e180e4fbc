package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.vertx.core.buffer.Buffer;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Which frames of a Chat Completions stream are the usage chunk capture takes back out. */
class StreamUsageTest {

    private final ObjectMapper mapper = new ObjectMapper();

    static Stream<Arguments> frames() {
        return Stream.of(
                Arguments.of(
                        "the usage chunk",
                        "data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":5}}",
                        true),
                Arguments.of(
                        "with spaces and a tab", "data: {\"choices\": [], \"usage\" :\t {\"prompt_tokens\":3}}", true),
                Arguments.of(
                        "a text chunk of a stream that asked for usage",
                        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}],\"usage\":null}",
                        false),
                Arguments.of(
                        "usage beside choices",
                        "data: {\"choices\":[{\"index\":0,\"delta\":{}}],\"usage\":{\"prompt_tokens\":3}}",
                        false),
                Arguments.of(
                        "the word in the answer",
                        "data: {\"choices\":[{\"delta\":{\"content\":\"\\\"usage\\\" {\"}}]}",
                        false),
                Arguments.of("not JSON", "data: {\"usage\":{", false),
                Arguments.of("the end marker", "data: [DONE]", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void onlyTheChunkWithUsageAndNoChoicesIsTheUsageChunk(String name, String frame, boolean usageOnly) {
        // Given a frame of a stream, with its blank line
        Buffer bytes = Buffer.buffer(frame + "\n\n");

        // When capture asks whether it is the usage chunk it added
        boolean answer = StreamUsage.isUsageOnly(bytes, mapper);

        // Then only a usage object without choices is
        assertThat(answer).as(name).isEqualTo(usageOnly);
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("not streamed", "{\"model\":\"o3\",\"messages\":[]}", null),
                Arguments.of("streaming off", "{\"model\":\"o3\",\"stream\":false}", null),
                Arguments.of("streaming null", "{\"model\":\"o3\",\"stream\":null}", null),
                Arguments.of(
                        "the word in a message only",
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"\\\"stream\\\": true\"}]}",
                        null),
                Arguments.of(
                        "stream set inside a nested object only",
                        "{\"metadata\":{\"stream\":true},\"model\":\"o3\"}",
                        null),
                Arguments.of(
                        "streamed, usage already asked for",
                        "{\"stream\":true,\"stream_options\":{\"include_usage\":true}}",
                        null),
                Arguments.of("not JSON", "{\"stream\":true,", null),
                Arguments.of("a later false wins", "{\"stream\":true,\"model\":\"o3\",\"stream\":false}", null),
                Arguments.of(
                        "streamed without options",
                        "{\"model\":\"o3\",\"temperature\":0.10,\"stream\":true}",
                        "{\"model\":\"o3\",\"temperature\":0.10,\"stream\":true,"
                                + "\"stream_options\":{\"include_usage\":true}}"),
                Arguments.of(
                        "streamed with other options",
                        "{\"stream\":true,\"stream_options\":{\"include_obfuscation\":false}}",
                        "{\"stream\":true,\"stream_options\":{\"include_obfuscation\":false,"
                                + "\"include_usage\":true}}"),
                Arguments.of(
                        "streamed, options null",
                        "{\"stream_options\":null,\"stream\":true}",
                        "{\"stream_options\":{\"include_usage\":true},\"stream\":true}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void onlyAStreamedRequestWithoutUsageIsRewritten(String name, String request, String forwarded) {
        // Given a Chat Completions request body
        Buffer body = Buffer.buffer(request);

        // When capture decides what to forward
        Optional<Buffer> rewritten = StreamUsage.askForUsage(body, mapper);

        // Then only a streamed request that did not ask for usage is changed, numbers and key order kept
        assertThat(rewritten.map(Buffer::toString)).as(name).isEqualTo(Optional.ofNullable(forwarded));
    }

    @org.junit.jupiter.api.Test
    void wordSearchFindsWhatAPlainSearchFinds() {
        // Given texts of the word, its beginnings, its letters and JSON's punctuation, so that near misses abound
        java.util.Random random = new java.util.Random(18);
        String alphabet = "\"usage:{}";
        StreamUsage.Word word = StreamUsage.Word.of("\"usage\"");
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                switch (random.nextInt(8)) {
                    case 0 -> text.append("\"usage\"");
                    case 1 -> text.append("\"usag");
                    default -> text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            int from = text.isEmpty() ? 0 : random.nextInt(text.length());

            // When the skipping search looks for the word
            int found = word.in(text.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII), from);

            // Then it answers what String.indexOf does
            assertThat(found).as("'%s' from %d", text, from).isEqualTo(text.indexOf("\"usage\"", from));
        }
    }
}
