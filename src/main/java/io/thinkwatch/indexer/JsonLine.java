package io.thinkwatch.indexer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * A record's JSON object as one line of a bulk body, made from its own bytes instead of being parsed and written
 * again: line breaks, which valid JSON holds only as whitespace between tokens, become spaces.
 */
final class JsonLine {

    private static final byte[] FIELD_START = {',', '"'};
    private static final byte[] FIELD_MIDDLE = {'"', ':', '"'};
    private static final byte[] FIELD_END = {'"', '}'};

    private JsonLine() {}

    /** {@code object} (a UTF-8 JSON object) on one line: the same array when it has no line break. */
    static byte[] of(byte[] object) {
        for (byte b : object) {
            if (b == '\n' || b == '\r') {
                return oneLine(object.clone(), object.length);
            }
        }
        return object;
    }

    /** {@code object} (a UTF-8 JSON object with at least one field, not this one) on one line, with the field added. */
    static byte[] withField(byte[] object, String name, String value) {
        int close = object.length - 1;
        while (object[close] != '}') {
            close--;
        }
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        byte[] quotedName = encoder.quoteAsUTF8(name);
        byte[] quotedValue = encoder.quoteAsUTF8(value);
        // Written once into an array of its exact size; quoted strings hold no line break, so only the object's own
        // bytes need one replaced
        ByteBuffer line = ByteBuffer.allocate(close + quotedName.length + quotedValue.length + 7);
        line.put(object, 0, close)
                .put(FIELD_START)
                .put(quotedName)
                .put(FIELD_MIDDLE)
                .put(quotedValue)
                .put(FIELD_END);
        return oneLine(line.array(), close);
    }

    /** {@code line} (a JSON object with at least one field, not this one, on one line) with a number field added. */
    static byte[] withNumber(byte[] line, String name, long value) {
        int close = line.length - 1;
        while (line[close] != '}') {
            close--;
        }
        byte[] field = (",\"" + new String(JsonStringEncoder.getInstance().quoteAsString(name)) + "\":" + value + "}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(line, close + field.length);
        System.arraycopy(field, 0, out, close, field.length);
        return out;
    }

    /** Replaces each line break among the first {@code length} bytes with a space. */
    private static byte[] oneLine(byte[] json, int length) {
        for (int i = 0; i < length; i++) {
            if (json[i] == '\n' || json[i] == '\r') {
                json[i] = ' ';
            }
        }
        return json;
    }
}
