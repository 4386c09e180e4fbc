package io.thinkwatch.capture.provider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

/**
 * Splits a server-sent-events body into events, following the WHATWG framing rules that matter here:
 * {@code data:} lines of one event are joined with newlines, a blank line ends an event, comments and
 * unknown fields are ignored, and a last event without its blank line is kept only when it is whole.
 * Works on the raw bytes (line ends are single ASCII bytes in UTF-8), so each event knows where it ended.
 */
public final class SseEvents {

    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event:".getBytes(StandardCharsets.US_ASCII);

    /**
     * One event: its {@code event:} type (null if none), its data, and the byte offset in the body just past its
     * last line, which tells when it had arrived. An event of one data line (nearly all) keeps its data as a range
     * of the body's bytes, so a JSON reader can read it without a string of it being made first.
     */
    public static final class Event {

        private final String type;
        private final byte[] bytes;
        private final int from;
        private final int to;
        private final int end;

        Event(String type, byte[] bytes, int from, int to, int end) {
            this.type = type;
            this.bytes = bytes;
            this.from = from;
            this.to = to;
            this.end = end;
        }

        public String type() {
            return type;
        }

        public String data() {
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }

        public int end() {
            return end;
        }

        /** Whether the data is exactly this ASCII text (such as {@code [DONE]}), read without decoding it. */
        public boolean dataIs(String ascii) {
            return to - from == ascii.length()
                    && Arrays.equals(bytes, from, to, ascii.getBytes(StandardCharsets.US_ASCII), 0, ascii.length());
        }

        /** A JSON parser over the data's bytes. */
        public JsonParser parser(JsonFactory factory) throws IOException {
            return factory.createParser(bytes, from, to - from);
        }
    }

    private SseEvents() {}

    public static List<Event> parse(String body, boolean complete) {
        return parse(body.getBytes(StandardCharsets.UTF_8), complete);
    }

    public static List<Event> parse(byte[] body, boolean complete) {
        List<Event> events = new ArrayList<>();
        String type = null;
        int dataFrom = -1;
        int dataTo = -1;
        // Further data lines of the event, joined to the first only when there are any (most events have one)
        ByteArrayOutputStream lines = null;
        int lineEnd = 0;
        int start = 0;
        while (start < body.length) {
            int end = start;
            while (end < body.length && body[end] != '\n' && body[end] != '\r') {
                end++;
            }
            if (end == body.length && !complete) {
                break; // without the stream's end, text after the last line break may be a half-written line
            }
            int next = end >= body.length
                    ? end
                    : body[end] == '\r' && end + 1 < body.length && body[end + 1] == '\n' ? end + 2 : end + 1;
            if (end == start) {
                if (dataFrom >= 0) {
                    events.add(event(type, body, dataFrom, dataTo, lines, next));
                }
                type = null;
                dataFrom = -1;
                lines = null;
            } else if (startsWith(body, start, end, DATA)) {
                int value = valueStart(body, start + DATA.length, end);
                if (dataFrom < 0) {
                    dataFrom = value;
                    dataTo = end;
                } else {
                    lines = lines == null ? new ByteArrayOutputStream() : lines;
                    lines.write('\n');
                    lines.write(body, value, end - value);
                }
            } else if (startsWith(body, start, end, EVENT)) {
                int value = valueStart(body, start + EVENT.length, end);
                type = new String(body, value, end - value, StandardCharsets.UTF_8);
            }
            lineEnd = next;
            start = next;
        }
        if (complete && dataFrom >= 0) {
            events.add(event(type, body, dataFrom, dataTo, lines, lineEnd));
        }
        return events;
    }

    private static Event event(String type, byte[] body, int from, int to, ByteArrayOutputStream more, int end) {
        if (more == null) {
            return new Event(type, body, from, to, end);
        }
        byte[] rest = more.toByteArray();
        byte[] joined = new byte[to - from + rest.length];
        System.arraycopy(body, from, joined, 0, to - from);
        System.arraycopy(rest, 0, joined, to - from, rest.length);
        return new Event(type, joined, 0, joined.length, end);
    }

    private static boolean startsWith(byte[] body, int start, int end, byte[] field) {
        return end - start >= field.length && Arrays.equals(body, start, start + field.length, field, 0, field.length);
    }

    /** Where a field's value starts: after its colon, less one leading space. */
    private static int valueStart(byte[] body, int from, int end) {
        return from < end && body[from] == ' ' ? from + 1 : from;
    }
}
