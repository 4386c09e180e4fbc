package io.thinkwatch.capture.provider;

import com.fasterxml.jackson.databind.JsonNode;

/** Null-safe reads from provider JSON, which is untrusted: a wrong type reads as absent. */
public final class Json {

    private Json() {}

    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    public static Long longValue(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isIntegralNumber() && value.canConvertToLong() ? value.longValue() : null;
    }
}
