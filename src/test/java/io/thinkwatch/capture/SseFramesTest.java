package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vertx.core.buffer.Buffer;

class SseFramesTest {

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void splitsWholeFramesWhateverTheLineEnd(String eol) {
        // Given two events and a half-written third, with this line end
        String first = "event: a" + eol + "data: 1" + eol + eol;
        String second = "data: 2" + eol + eol;
        String half = "data: 3";

        // When they arrive in one chunk
        SseFrames frames = new SseFrames();
        List<String> done = texts(frames.push(buffer(first + second + half)));

        // Then the two whole frames come out with their blank lines, and the half-written line waits
        assertThat(done).containsExactly(first, second);
        assertThat(frames.rest().toString(StandardCharsets.UTF_8)).isEqualTo(half);
    }

    @Test
    void frameEndingOnCarriageReturnWaitsForAPossibleLineFeed() {
        // Given a frame whose blank line is \r\n, cut between the \r and the \n
        SseFrames frames = new SseFrames();

        // When the chunk ends at the \r
        List<String> first = texts(frames.push(buffer("data: 1\r\n\r")));

        // Then the frame is held until the next byte shows the \n belongs to it
        assertThat(first).isEmpty();
        assertThat(texts(frames.push(buffer("\ndata: 2\n\n")))).containsExactly("data: 1\r\n\r\n", "data: 2\n\n");
    }

    @Test
    void everyByteComesOutOnceWhereverChunksAreCut() {
        // Given a stream with mixed line ends, a comment and unicode
        String stream = "data: {\"a\":\"Grüße ✓\"}\r\n\r\n: keep-alive\n\ndata: x\ndata: y\n\ndata: [DONE]\r\n\r\n";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);

        for (int size = 1; size <= bytes.length; size++) {
            // When it arrives in chunks of this size (cutting lines, \r\n pairs and characters)
            SseFrames frames = new SseFrames();
            List<String> out = new ArrayList<>();
            for (int from = 0; from < bytes.length; from += size) {
                Buffer chunk = Buffer.buffer().appendBytes(bytes, from, Math.min(size, bytes.length - from));
                out.addAll(texts(frames.push(chunk)));
            }
            out.add(frames.rest().toString(StandardCharsets.UTF_8));

            // Then the frames are the same and their bytes add up to the stream
            assertThat(out)
                    .as("chunk size %d", size)
                    .containsExactly(
                            "data: {\"a\":\"Grüße ✓\"}\r\n\r\n",
                            ": keep-alive\n\n",
                            "data: x\ndata: y\n\n",
                            "data: [DONE]\r\n\r\n",
                            "");
        }
    }

    @Test
    void streamWithoutFinalBlankLineKeepsItsTail() {
        // Given a stream cut off in the middle of an event
        SseFrames frames = new SseFrames();
        List<String> done = texts(frames.push(buffer("data: 1\n\ndata: {\"cho")));

        // Then the whole frame is out and the tail is kept for the end
        assertThat(done).containsExactly("data: 1\n\n");
        assertThat(frames.rest().toString(StandardCharsets.UTF_8)).isEqualTo("data: {\"cho");
    }

    private static Buffer buffer(String text) {
        return Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> texts(List<Buffer> frames) {
        return frames.stream()
                .map(frame -> frame.toString(StandardCharsets.UTF_8))
                .toList();
    }
}
