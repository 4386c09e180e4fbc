package io.thinkwatch.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.vertx.core.buffer.Buffer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Asks a Chat Completions request for stream usage ({@link StreamUsage}) while its body goes upstream: the body is
 * read token by token as it arrives and passed on, except the part capture may have to change, which is held to the
 * end. That part is the top-level {@code stream_options} value and what follows it when the request has one, else
 * only the closing brace: whether the request streams is known only at its end ({@code stream} may come last).
 *
 * <p>At the end, a streamed request that did not ask for usage gets {@code ,"stream_options":{"include_usage":true}}
 * before its closing brace, or {@code include_usage: true} in its own {@code stream_options} (the held part is read
 * as a tree, numbers exact, key order kept). Anything else is passed on as it came, byte for byte: a body that is not
 * JSON, not an object, or cut short is the provider's to refuse. One instance per request, on its event loop.
 */
final class UsageAsk {

    private static final byte[] OPTIONS_FIELD = "{\"stream_options\"".getBytes(StandardCharsets.US_ASCII);
    private static final Buffer ADDED_OPTIONS = Buffer.buffer(",\"stream_options\":{\"include_usage\":true}");

    private static final byte[] STREAM = "stream".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STREAM_OPTIONS = "stream_options".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper mapper;
    /** Bytes received and not yet passed on; the first of them is byte {@link #heldFrom} of the body. */
    private Buffer held = Buffer.buffer();

    private long heldFrom;
    private long received;

    // The scan: where it stands in the JSON's structure (strings skipped, not decoded).
    private int depth;
    private boolean inString;
    private boolean escaped;
    private boolean expectingKey;
    /** Reading a top-level key: how many of its bytes matched so far; -1 when it is neither word. */
    private int keyMatched = -1;

    /** The top-level key whose value comes next: 1 stream, 2 stream_options, 0 another. */
    private int valueOf = -1;

    private boolean streams;
    /** Where the top-level {@code stream_options} name ends (its value follows); -1 until one is read. */
    private long optionsAt = -1;
    /** Where the top-level object's closing brace is; -1 until it is read. */
    private long closeAt = -1;

    private boolean failed;
    private boolean asked;

    UsageAsk(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The next chunk of the body; returns what can go upstream now (maybe nothing). */
    Buffer push(Buffer chunk) {
        held.appendBuffer(chunk);
        received += chunk.length();
        if (!failed) {
            scan(chunk.getBytes(), received - chunk.length());
        }
        return release(failed ? received : keepFrom());
    }

    /** The end of the body: the rest of it, with usage asked for when the request streams without asking. */
    Buffer end() {
        Buffer rest = held;
        held = Buffer.buffer();
        if (failed || closeAt < 0 || !streams) {
            return rest;
        }
        return optionsAt < 0 ? beforeClose(rest) : withUsageOption(rest);
    }

    /** Whether {@link #end} added the usage request: the usage chunk in the answer is capture's to take out. */
    boolean asked() {
        return asked;
    }

    /**
     * Follows the structure: strings are skipped byte by byte (a quote or a backslash is all that matters in them,
     * and neither occurs inside a multi-byte UTF-8 character), and only the top-level keys are compared with the two
     * words. Jackson's non-blocking parser decodes every string, five times the cost on a 200 KB prompt; the held part
     * is still read by Jackson.
     */
    private void scan(byte[] bytes, long base) {
        for (int i = 0; i < bytes.length; i++) {
            if (inString && !escaped && keyMatched < 0) {
                // The bulk of a body: text, skipped by the tightest loop there is
                while (i < bytes.length && bytes[i] != '"' && bytes[i] != '\\') {
                    i++;
                }
                if (i == bytes.length) {
                    return;
                }
            }
            byte b = bytes[i];
            if (inString) {
                if (escaped) {
                    escaped = false;
                    keyMatched = -1; // an escape in a key: not one of the two words as written
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                    if (keyMatched >= 0) {
                        keyEnded(base + i + 1);
                    }
                } else if (keyMatched >= 0) {
                    keyMatched =
                            keyMatched < STREAM_OPTIONS.length && STREAM_OPTIONS[keyMatched] == b ? keyMatched + 1 : -1;
                }
                continue;
            }
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == ':') {
                continue;
            }
            if (depth == 0 && (closeAt >= 0 || b != '{')) {
                failed = true; // not an object, or more after it: passed on as it is
                return;
            }
            if (depth == 1 && valueOf >= 0) {
                if (valueOf == 1) {
                    streams = b == 't'; // the last one counts, as in a tree
                }
                valueOf = -1;
            }
            switch (b) {
                case '"' -> {
                    inString = true;
                    keyMatched = depth == 1 && expectingKey ? 0 : -1;
                    expectingKey = false;
                }
                case '{', '[' -> {
                    depth++;
                    expectingKey = depth == 1;
                }
                case '}', ']' -> {
                    depth--;
                    if (depth == 0) {
                        closeAt = base + i;
                    }
                }
                case ',' -> expectingKey = depth == 1;
                default -> {}
            }
        }
    }

    private void keyEnded(long after) {
        boolean stream = keyMatched == STREAM.length;
        boolean options = keyMatched == STREAM_OPTIONS.length;
        valueOf = stream ? 1 : options ? 2 : 0;
        if (options && optionsAt < 0) {
            optionsAt = after;
        }
        keyMatched = -1;
    }

    /** The first byte that may still change: the options value, else the closing brace, else none yet. */
    private long keepFrom() {
        if (optionsAt >= 0) {
            return optionsAt;
        }
        return closeAt >= 0 ? closeAt : received;
    }

    private Buffer release(long upTo) {
        int count = (int) (upTo - heldFrom);
        if (count <= 0) {
            return Buffer.buffer();
        }
        Buffer out = held.getBuffer(0, count);
        held = held.getBuffer(count, held.length());
        heldFrom = upTo;
        return out;
    }

    private Buffer beforeClose(Buffer rest) {
        asked = true;
        return Buffer.buffer(rest.length() + ADDED_OPTIONS.length())
                .appendBuffer(ADDED_OPTIONS)
                .appendBuffer(rest);
    }

    /** The held options value and the rest of the object, read as {@code {"stream_options" ...}}. */
    private Buffer withUsageOption(Buffer rest) {
        ObjectReader reader = mapper.reader()
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .with(JsonNodeFactory.withExactBigDecimals(true));
        try {
            JsonNode tail = reader.readTree(
                    Buffer.buffer(OPTIONS_FIELD).appendBuffer(rest).getBytes());
            JsonNode options = tail.get("stream_options");
            if (!(tail instanceof ObjectNode object)
                    || (options != null && !options.isNull() && !options.isObject())
                    || (options != null && options.path("include_usage").asBoolean(false))) {
                return rest;
            }
            ObjectNode set =
                    options == null || options.isNull() ? object.putObject("stream_options") : (ObjectNode) options;
            set.put("include_usage", true);
            byte[] written = mapper.writeValueAsBytes(object);
            asked = true;
            return Buffer.buffer(written).getBuffer(OPTIONS_FIELD.length, written.length);
        } catch (IOException e) {
            return rest;
        }
    }
}
