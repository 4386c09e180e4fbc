package io.thinkwatch.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.opensearch.client.opensearch._types.FieldValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The opaque {@code after} token of search pagination: base64url of the last hit's sort values and the
 * sort they belong to, so a token is refused when used with another sort.
 */
record Cursor(String sort, List<FieldValue> values) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Thrown for a token that was not made by {@link #encode()} for this sort. */
    static final class Malformed extends Exception {
        Malformed(String reason) {
            super(reason);
        }
    }

    String encode() {
        ObjectNode root = JSON.createObjectNode();
        root.put("s", sort);
        ArrayNode array = root.putArray("v");
        for (FieldValue value : values) {
            switch (value._kind()) {
                case Long -> array.add(value.longValue());
                case Double -> array.add(value.doubleValue());
                case Boolean -> array.add(value.booleanValue());
                case String -> array.add(value.stringValue());
                case Null -> array.addNull();
            }
        }
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new IllegalStateException("a tree of scalars always serializes", e);
        }
    }

    static Cursor decode(String token, String expectedSort) throws Malformed {
        JsonNode root;
        try {
            root = JSON.readTree(Base64.getUrlDecoder().decode(token));
        } catch (IllegalArgumentException | IOException e) {
            throw new Malformed("not a token returned as 'next' by this API");
        }
        if (root == null || !root.path("s").isTextual() || !root.path("v").isArray()) {
            throw new Malformed("not a token returned as 'next' by this API");
        }
        if (!root.get("s").textValue().equals(expectedSort)) {
            throw new Malformed("belongs to sort '" + root.get("s").textValue() + "', not '" + expectedSort + "'");
        }
        List<FieldValue> values = new ArrayList<>();
        for (JsonNode v : root.get("v")) {
            values.add(value(v));
        }
        return new Cursor(expectedSort, values);
    }

    /** Sort values are scalars; a missing number sorts as "Infinity" or "-Infinity", which OpenSearch sends as text. */
    private static FieldValue value(JsonNode v) throws Malformed {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return FieldValue.of(v.longValue());
        } else if (v.isNumber()) {
            return FieldValue.of(v.doubleValue());
        } else if (v.isBoolean()) {
            return FieldValue.of(v.booleanValue());
        } else if (v.isTextual()) {
            return FieldValue.of(v.textValue());
        } else if (v.isNull()) {
            return FieldValue.NULL;
        }
        throw new Malformed("holds a value of an unexpected kind");
    }
}
