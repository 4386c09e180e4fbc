package io.thinkwatch.capture.provider;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What every provider parser needs: lenient JSON reading and the error message of an error body. */
final class ParserSupport {

    private ParserSupport() {}

    /** The JSON object in the text, or null when it is not one (garbage, cut off, an array). */
    static JsonNode object(ObjectMapper mapper, String text) {
        try {
            JsonNode node = mapper.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The JSON object in an event's data, read from its bytes; null as above. */
    static JsonNode object(ObjectMapper mapper, SseEvents.Event event) {
        try (com.fasterxml.jackson.core.JsonParser parser = event.parser(mapper.getFactory())) {
            JsonNode node = mapper.readTree(parser);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    static JsonNode object(ObjectMapper mapper, byte[] bytes) {
        try {
            JsonNode node = mapper.readTree(bytes);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code error.message} (the shape of OpenAI, Anthropic and Gemini errors), else a generic text. */
    static String errorMessage(JsonNode body, int status) {
        String message = body == null ? null : Json.text(body.path("error"), "message");
        return message != null ? message : "upstream answered HTTP " + status;
    }

    static void append(StringBuilder target, String text) {
        if (text != null) {
            target.append(text);
        }
    }

    static String orNull(StringBuilder text) {
        return text.isEmpty() ? null : text.toString();
    }

    static Double doubleValue(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isNumber() ? value.doubleValue() : null;
    }

    static Long sum(Long a, Long b) {
        return a == null ? b : b == null ? a : a + b;
    }

    /** The running size of encrypted reasoning with one more blob added; null while there is none. */
    static Long addEncrypted(Long total, String blob) {
        if (blob == null) {
            return total;
        }
        return (total == null ? 0L : total) + blob.length();
    }
}
