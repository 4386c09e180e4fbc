package io.thinkwatch.indexer;

import java.io.ByteArrayOutputStream;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * A record's JSON object as one line of a bulk body, made from its own bytes instead of being parsed and written
 * again: line breaks, which valid JSON holds only as whitespace between tokens, become spaces.
 */
final class JsonLine {

    private JsonLine() {
    }

    /** {@code object} (a UTF-8 JSON object) on one line: the same array when it has no line break. */
    static byte[] of(byte[] object) {
        for (byte b : object) {
            if (b == '\n' || b == '\r') {
                return oneLine(object.clone());
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
        ByteArrayOutputStream line = new ByteArrayOutputStream(close + name.length() + value.length() + 8);
        line.write(object, 0, close);
        line.writeBytes(new byte[] {',', '"'});
        line.writeBytes(encoder.quoteAsUTF8(name));
        line.writeBytes(new byte[] {'"', ':', '"'});
        line.writeBytes(encoder.quoteAsUTF8(value));
        line.writeBytes(new byte[] {'"', '}'});
        return oneLine(line.toByteArray());
    }

    private static byte[] oneLine(byte[] json) {
        for (int i = 0; i < json.length; i++) {
            if (json[i] == '\n' || json[i] == '\r') {
                json[i] = ' ';
            }
        }
        return json;
    }
}
