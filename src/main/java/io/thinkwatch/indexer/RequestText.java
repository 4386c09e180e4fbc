package io.thinkwatch.indexer;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The plain text of a request (what the user and system said), derived from {@code request.messages} and
 * {@code request.input} so it can be searched apart from the answer. Provider message shapes differ
 * (OpenAI {@code content} strings or parts, Anthropic blocks, Gemini {@code parts}), so every string under
 * a {@code content} or {@code text} key counts; keys, roles, tool arguments and images do not.
 */
final class RequestText {

    private RequestText() {
    }

    /** The text of {@code request}, at most {@code maxChars} characters; empty when there is none. */
    static String of(JsonNode request, int maxChars) {
        StringBuilder text = new StringBuilder();
        JsonNode input = request.path("input");
        if (input.isTextual()) {
            append(text, input.textValue(), maxChars);
        } else {
            collect(input, false, text, maxChars);
        }
        JsonNode messages = request.path("messages");
        collect(messages, messages.isTextual(), text, maxChars);
        return text.toString();
    }

    private static void collect(JsonNode node, boolean isText, StringBuilder text, int maxChars) {
        if (text.length() >= maxChars) {
            return;
        }
        if (node.isTextual()) {
            if (isText) {
                append(text, node.textValue(), maxChars);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, isText, text, maxChars);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                collect(field.getValue(), field.getKey().equals("content") || field.getKey().equals("text"), text,
                        maxChars);
            }
        }
    }

    private static void append(StringBuilder text, String value, int maxChars) {
        if (value.isBlank()) {
            return;
        }
        if (!text.isEmpty()) {
            text.append('\n');
        }
        text.append(value, 0, Math.min(value.length(), Math.max(0, maxChars - text.length())));
    }
}
