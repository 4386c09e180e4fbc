package io.thinkwatch.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.thinkwatch.capture.provider.SseEvents;
import io.vertx.core.buffer.Buffer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * OpenAI sends the token counts of a Chat Completions stream only when the request sets
 * {@code stream_options.include_usage}. So that every stream gets provider-reported usage, capture sets
 * it on requests that did not, and takes the extra usage-only chunk back out of the client's stream: the
 * one change capture makes to what the client receives, so the client sees the stream it asked for.
 */
final class StreamUsage {

    private static final Word USAGE = Word.of("\"usage\"");
    private static final Word STREAM = Word.of("\"stream\"");

    private StreamUsage() {}

    /**
     * The body to forward instead, with {@code stream_options.include_usage: true}, when the request streams
     * without asking for usage; empty when it should go unchanged (not streamed, asked already, not JSON). Only the
     * changed part is rewritten ({@link UsageAsk}); numbers keep their written form and key order is kept.
     */
    static Optional<Buffer> askForUsage(Buffer body, ObjectMapper mapper) {
        // Runs on the event loop before the call goes upstream: most calls do not stream, and are told apart by a
        // search that skips most bytes unread.
        if (STREAM.in(body.getBytes(), 0) < 0) {
            return Optional.empty();
        }
        UsageAsk ask = new UsageAsk(mapper);
        Buffer forwarded = ask.push(body).appendBuffer(ask.end());
        return ask.asked() ? Optional.of(forwarded) : Optional.empty();
    }

    /** Whether a stream frame is the chunk {@code include_usage} adds: no choices, a usage object. */
    static boolean isUsageOnly(Buffer frame, ObjectMapper mapper) {
        if (!holdsUsageObject(frame.getBytes())) {
            return false;
        }
        List<SseEvents.Event> events = SseEvents.parse(frame.toString(StandardCharsets.UTF_8), true);
        if (events.size() != 1) {
            return false;
        }
        try {
            JsonNode chunk = mapper.readTree(events.get(0).data());
            return chunk != null
                    && chunk.path("usage").isObject()
                    && chunk.path("choices").isArray()
                    && chunk.path("choices").isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether the bytes hold {@code "usage"} followed by an object: only such a frame can be the usage chunk. Every
     * chunk of a stream that asked for usage carries {@code "usage":null}, and is passed on without being decoded.
     */
    static boolean holdsUsageObject(byte[] bytes) {
        for (int at = USAGE.in(bytes, 0); at >= 0; at = USAGE.in(bytes, at + 1)) {
            int next = at + USAGE.length();
            while (next < bytes.length && (bytes[next] == ':' || isJsonSpace(bytes[next]))) {
                next++;
            }
            if (next < bytes.length && bytes[next] == '{') {
                return true;
            }
        }
        return false;
    }

    private static boolean isJsonSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    /**
     * A word to find in bytes by Horspool's search, which on JSON skips most bytes unread: a byte-by-byte search
     * stopped at every quote and took an eighth of the relay's time on 500-event streams.
     */
    static final class Word {

        private final byte[] bytes;
        private final int[] skips;

        private Word(byte[] bytes, int[] skips) {
            this.bytes = bytes;
            this.skips = skips;
        }

        int length() {
            return bytes.length;
        }

        static Word of(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            int[] skips = new int[256];
            Arrays.fill(skips, bytes.length);
            for (int i = 0; i < bytes.length - 1; i++) {
                skips[bytes[i] & 0xff] = bytes.length - 1 - i;
            }
            return new Word(bytes, skips);
        }

        /** Where the word first occurs in {@code text} at or after {@code from}, else -1. */
        int in(byte[] text, int from) {
            int last = bytes.length - 1;
            for (int at = from; at + last < text.length; at += skips[text[at + last] & 0xff]) {
                if (text[at + last] == bytes[last] && Arrays.equals(text, at, at + last, bytes, 0, last)) {
                    return at;
                }
            }
            return -1;
        }
    }
}
