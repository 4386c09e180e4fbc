package io.thinkwatch.capture.provider;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a server-sent-events body into events, following the WHATWG framing rules that matter here:
 * {@code data:} lines of one event are joined with newlines, a blank line ends an event, comments and
 * unknown fields are ignored, and a last event without its blank line is kept only when it is whole.
 * Works on the raw bytes (line ends are single ASCII bytes in UTF-8), so each event knows where it ended.
 */
public final class SseEvents {

    /**
     * One event: its {@code event:} type (null if none), its data, and the byte offset in the body just
     * past its last line, which tells when it had arrived.
     */
    public record Event(String type, String data, int end) {}

    private SseEvents() {}

    public static List<Event> parse(String body, boolean complete) {
        return parse(body.getBytes(StandardCharsets.UTF_8), complete);
    }

    public static List<Event> parse(byte[] body, boolean complete) {
        List<Event> events = new ArrayList<>();
        String type = null;
        StringBuilder data = null;
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
                if (data != null) {
                    events.add(new Event(type, data.toString(), next));
                }
                type = null;
                data = null;
            } else {
                String line = new String(body, start, end - start, StandardCharsets.UTF_8);
                if (line.startsWith("data:")) {
                    String value = stripSpace(line.substring(5));
                    data = data == null
                            ? new StringBuilder(value)
                            : data.append('\n').append(value);
                } else if (line.startsWith("event:")) {
                    type = stripSpace(line.substring(6));
                }
            }
            lineEnd = next;
            start = next;
        }
        if (complete && data != null) {
            events.add(new Event(type, data.toString(), lineEnd));
        }
        return events;
    }

    private static String stripSpace(String value) {
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
