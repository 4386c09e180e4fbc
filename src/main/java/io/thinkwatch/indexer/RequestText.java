package io.thinkwatch.indexer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The plain text of a request (what the user and system said), derived from {@code request.messages} and
 * {@code request.input} so it can be searched apart from the answer. Provider message shapes differ
 * (OpenAI {@code content} strings or parts, Anthropic blocks, Gemini {@code parts}), so every string under
 * a {@code content} or {@code text} key counts; keys, roles, tool arguments and images do not. Read from a
 * streaming parser, so the indexer never builds a tree of the trace.
 */
final class RequestText {

    private RequestText() {}

    /**
     * The text of the request value the parser stands on (it moves to the first token if it stands on none), at
     * most {@code maxChars} characters, input first; empty when there is none. Leaves the parser on the value's
     * last token.
     */
    static String of(JsonParser request, int maxChars) throws IOException {
        JsonToken token = request.currentToken() == null ? request.nextToken() : request.currentToken();
        List<String> input = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        if (token == JsonToken.START_OBJECT) {
            while (request.nextToken() == JsonToken.FIELD_NAME) {
                String field = request.currentName();
                JsonToken value = request.nextToken();
                switch (field) {
                    case "input" -> collect(request, value == JsonToken.VALUE_STRING, input);
                    case "messages" -> collect(request, value == JsonToken.VALUE_STRING, messages);
                    default -> request.skipChildren();
                }
            }
        } else {
            request.skipChildren();
        }
        StringBuilder text = new StringBuilder();
        input.forEach(value -> append(text, value, maxChars));
        messages.forEach(value -> append(text, value, maxChars));
        return text.toString();
    }

    /** Collects the strings of the value the parser stands on that count as text. */
    private static void collect(JsonParser parser, boolean isText, List<String> texts) throws IOException {
        switch (parser.currentToken()) {
            case VALUE_STRING -> {
                if (isText) {
                    texts.add(parser.getText());
                }
            }
            case START_ARRAY -> {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    collect(parser, isText, texts);
                }
            }
            case START_OBJECT -> {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    collect(parser, field.equals("content") || field.equals("text"), texts);
                }
            }
            default -> {}
        }
    }

    private static void append(StringBuilder text, String value, int maxChars) {
        if (value.isBlank() || text.length() >= maxChars) {
            return;
        }
        if (!text.isEmpty()) {
            text.append('\n');
        }
        text.append(value, 0, Math.min(value.length(), Math.max(0, maxChars - text.length())));
    }
}
