package io.thinkwatch.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a server-sent-events body into events, following the WHATWG framing rules that matter here:
 * {@code data:} lines of one event are joined with newlines, a blank line ends an event, comments and
 * unknown fields are ignored, and a last event without its blank line is kept only when it is whole.
 */
public final class SseEvents {

    /** One event: its {@code event:} type (null if none) and its data. */
    public record Event(String type, String data) {
    }

    private SseEvents() {
    }

    public static List<Event> parse(String body, boolean complete) {
        List<Event> events = new ArrayList<>();
        String type = null;
        StringBuilder data = null;
        String[] lines = body.split("\r\n|\r|\n", -1);
        // Without the stream's end, the text after the last line break may be a half-written line.
        int usable = complete ? lines.length : lines.length - 1;
        for (int i = 0; i < usable; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new Event(type, data.toString()));
                }
                type = null;
                data = null;
            } else if (line.startsWith("data:")) {
                String value = stripSpace(line.substring(5));
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            } else if (line.startsWith("event:")) {
                type = stripSpace(line.substring(6));
            }
        }
        if (complete && data != null) {
            events.add(new Event(type, data.toString()));
        }
        return events;
    }

    private static String stripSpace(String value) {
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
