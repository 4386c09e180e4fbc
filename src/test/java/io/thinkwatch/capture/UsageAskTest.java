package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.vertx.core.buffer.Buffer;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A Chat Completions body asked for stream usage as it arrives: the same bytes out, however it is cut. */
class UsageAskTest {

    private final ObjectMapper mapper = new ObjectMapper();

    static Stream<String> requests() {
        return Stream.of(
                "{\"model\":\"o3\",\"messages\":[]}",
                "{\"model\":\"o3\",\"temperature\":0.10,\"stream\":true}",
                "{\"stream\":true,\"stream_options\":{\"include_obfuscation\":false}}",
                "{\"stream_options\":null,\"stream\":true}",
                "{\"stream_options\":{\"include_usage\":true},\"messages\":[{\"content\":\"é ✓\"}],\"stream\":true}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"\\\"stream\\\": true \\u00e9\"}],\"stream\":true}  \n",
                "{\"metadata\":{\"stream\":true,\"stream_options\":{}},\"model\":\"o3\",\"stream\":true}",
                "{\"stream\":true,\"model\":\"o3\",\"stream\":false}",
                "{\"stream\":true,",
                "[{\"stream\":true}]",
                "{\"stream\":true}{}");
    }

    @ParameterizedTest
    @MethodSource("requests")
    void aBodyCutAnywhereComesOutAsItWouldWhole(String request) {
        // Given a request body and what capture forwards when it has it whole
        byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
        String whole = through(bytes, bytes.length);

        // When it arrives in pieces of every size
        for (int piece = 1; piece < bytes.length; piece++) {
            // Then the bytes forwarded are the same
            assertThat(through(bytes, piece)).as("in pieces of %d", piece).isEqualTo(whole);
        }
    }

    @Test
    void aLongPromptGoesOnBeforeItsEnd() {
        // Given a 200 KB prompt that streams, its stream setting after its messages
        String prompt = "x".repeat(200_000);
        byte[] body = ("{\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}],\"stream\":true}")
                .getBytes(StandardCharsets.UTF_8);
        UsageAsk ask = new UsageAsk(mapper);

        // When its first 150 KB have arrived
        Buffer passed = ask.push(Buffer.buffer(body).getBuffer(0, 150_000));

        // Then they are on their way, and the end asks for usage before the closing brace
        assertThat(passed.length()).isEqualTo(150_000);
        Buffer rest =
                ask.push(Buffer.buffer(body).getBuffer(150_000, body.length)).appendBuffer(ask.end());
        assertThat(rest.toString(StandardCharsets.UTF_8))
                .endsWith("\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        assertThat(ask.asked()).isTrue();
    }

    @Test
    void streamOptionsBeforeTheMessagesHoldTheRestToTheEnd() {
        // Given a body whose stream_options come first
        byte[] body = "{\"stream_options\":{},\"messages\":[{\"content\":\"hello\"}],\"stream\":true}"
                .getBytes(StandardCharsets.UTF_8);
        UsageAsk ask = new UsageAsk(mapper);

        // When all but its end has arrived
        Buffer passed = ask.push(Buffer.buffer(body).getBuffer(0, body.length - 1));

        // Then only what comes before the options value went on; the end changes the options
        assertThat(passed.toString(StandardCharsets.UTF_8)).isEqualTo("{\"stream_options\"");
        Buffer rest = ask.push(Buffer.buffer(body).getBuffer(body.length - 1, body.length))
                .appendBuffer(ask.end());
        assertThat(rest.toString(StandardCharsets.UTF_8))
                .isEqualTo(":{\"include_usage\":true},\"messages\":[{\"content\":\"hello\"}],\"stream\":true}");
    }

    private String through(byte[] bytes, int piece) {
        UsageAsk ask = new UsageAsk(mapper);
        Buffer out = Buffer.buffer();
        for (int at = 0; at < bytes.length; at += piece) {
            out.appendBuffer(ask.push(Buffer.buffer(bytes).getBuffer(at, Math.min(bytes.length, at + piece))));
        }
        out.appendBuffer(ask.end());
        return out.toString(StandardCharsets.UTF_8) + (ask.asked() ? " (asked)" : "");
    }
}
