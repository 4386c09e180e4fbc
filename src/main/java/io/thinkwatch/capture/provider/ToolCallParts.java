package io.thinkwatch.capture.provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.thinkwatch.model.ToolCall;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Tool calls as a stream sends them: each begun with its name and id, its arguments in pieces, known by a key the
 * stream gives (an index, an item id). A call whose whole arguments come at its end takes them over its pieces.
 */
final class ToolCallParts {

    private static final class Part {
        private String id;
        private String name;
        private final StringBuilder pieces = new StringBuilder();
        private String initial;
        private String whole;
    }

    private final Map<String, Part> parts = new LinkedHashMap<>();

    /** A call begun, or more of its name and id (a null leaves what is known). */
    void start(String key, String id, String name) {
        Part part = parts.computeIfAbsent(key, k -> new Part());
        part.id = id != null ? id : part.id;
        part.name = name != null ? name : part.name;
    }

    /** A piece of the call's arguments text. */
    void append(String key, String piece) {
        if (piece != null) {
            parts.computeIfAbsent(key, k -> new Part()).pieces.append(piece);
        }
    }

    /** The call's arguments as its start gives them: kept only when no pieces and no whole text follow. */
    void initial(String key, String arguments) {
        if (arguments != null) {
            parts.computeIfAbsent(key, k -> new Part()).initial = arguments;
        }
    }

    /** The call's whole arguments text, as its end gives it: taken over the pieces. */
    void whole(String key, String arguments) {
        if (arguments != null) {
            parts.computeIfAbsent(key, k -> new Part()).whole = arguments;
        }
    }

    boolean isEmpty() {
        return parts.isEmpty();
    }

    /** The calls in the order they began; arguments are the whole text if one came, else the pieces, else the initial. */
    List<ToolCall> calls() {
        List<ToolCall> calls = new ArrayList<>(parts.size());
        for (Part part : parts.values()) {
            String arguments =
                    part.whole != null ? part.whole : !part.pieces.isEmpty() ? part.pieces.toString() : part.initial;
            calls.add(ToolCall.of(part.id, part.name, arguments));
        }
        return calls;
    }

    /** The arguments of an API that sends them as a JSON value (an object): its compact JSON text; null if absent. */
    static String json(JsonNode arguments) {
        return arguments == null || arguments.isMissingNode() || arguments.isNull() ? null : arguments.toString();
    }
}
