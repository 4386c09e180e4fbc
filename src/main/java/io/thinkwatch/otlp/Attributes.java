package io.thinkwatch.otlp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The attributes of a span, its events and its resource, read by name: the span's own first, then the resource's.
 * A value of the wrong kind is a {@link Unreadable} naming the attribute, never a silent absence.
 */
final class Attributes {

    /** An attribute whose value cannot be read as what its convention says it is. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String key, String expected, AnyValue value) {
            super(key + ": " + expected + ", was " + describe(value));
        }

        Unreadable(String message) {
            super(message);
        }

        private static String describe(AnyValue value) {
            return switch (value.getValueCase()) {
                case STRING_VALUE -> "a string of " + value.getStringValue().length() + " characters";
                case BOOL_VALUE -> "a boolean";
                case INT_VALUE -> "an integer";
                case DOUBLE_VALUE -> "a double";
                case ARRAY_VALUE -> "an array";
                case KVLIST_VALUE -> "a map";
                case BYTES_VALUE -> "bytes";
                case STRING_VALUE_STRINDEX -> "a string reference";
                case VALUE_NOT_SET -> "empty";
            };
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, AnyValue> own;
    private final Map<String, AnyValue> resource;

    private Attributes(Map<String, AnyValue> own, Map<String, AnyValue> resource) {
        this.own = own;
        this.resource = resource;
    }

    static Attributes of(List<KeyValue> span, Map<String, AnyValue> resource) {
        return new Attributes(index(span), resource);
    }

    static Map<String, AnyValue> index(List<KeyValue> attributes) {
        Map<String, AnyValue> map = new HashMap<>(attributes.size() * 2);
        for (KeyValue kv : attributes) {
            map.putIfAbsent(kv.getKey(), kv.getValue());
        }
        return map;
    }

    boolean has(String key) {
        return own.containsKey(key);
    }

    /** Keys of the span's own attributes. */
    Iterable<String> keys() {
        return own.keySet();
    }

    private AnyValue value(String key) {
        AnyValue value = own.get(key);
        return value != null ? value : resource.get(key);
    }

    /** The first of these keys that is set, as text (numbers and booleans written as text). */
    String string(String... keys) {
        for (String key : keys) {
            AnyValue v = value(key);
            String text = v == null ? null : text(v);
            if (text != null) {
                return text;
            }
        }
        return null;
    }

    private static String text(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue().isEmpty() ? null : v.getStringValue();
            case INT_VALUE -> Long.toString(v.getIntValue());
            case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            default -> null;
        };
    }

    /** The first of these keys that is set, as a whole number; a string of digits counts as one. */
    Long count(String... keys) throws Unreadable {
        for (String key : keys) {
            AnyValue v = value(key);
            if (v != null) {
                Long count = whole(v);
                if (count == null) {
                    throw new Unreadable(key, "must be a whole number", v);
                }
                return count;
            }
        }
        return null;
    }

    private static Long whole(AnyValue v) {
        return switch (v.getValueCase()) {
            case INT_VALUE -> v.getIntValue();
            case DOUBLE_VALUE -> {
                double d = v.getDoubleValue();
                yield d == Math.rint(d) && Math.abs(d) < 1e15 ? (long) d : null;
            }
            case STRING_VALUE -> {
                String s = v.getStringValue().strip();
                yield !s.isEmpty() && s.length() < 19 && s.chars().allMatch(Character::isDigit)
                        ? Long.parseLong(s)
                        : null;
            }
            default -> null;
        };
    }

    /** The first of these keys that is set, as a number. */
    Double number(String... keys) throws Unreadable {
        for (String key : keys) {
            AnyValue v = value(key);
            if (v != null) {
                Double number = real(v);
                if (number == null) {
                    throw new Unreadable(key, "must be a number", v);
                }
                return number;
            }
        }
        return null;
    }

    private static Double real(AnyValue v) {
        return switch (v.getValueCase()) {
            case INT_VALUE -> (double) v.getIntValue();
            case DOUBLE_VALUE -> v.getDoubleValue();
            case STRING_VALUE -> {
                try {
                    yield Double.parseDouble(v.getStringValue().strip());
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            default -> null;
        };
    }

    /** The first of these keys that is set, as a boolean. */
    Boolean bool(String... keys) {
        for (String key : keys) {
            AnyValue v = value(key);
            if (v != null && v.getValueCase() == AnyValue.ValueCase.BOOL_VALUE) {
                return v.getBoolValue();
            }
            if (v != null && v.getValueCase() == AnyValue.ValueCase.STRING_VALUE) {
                return Boolean.parseBoolean(v.getStringValue());
            }
        }
        return null;
    }

    /** A string array, a JSON array written as a string, or a single string, as a list of strings. */
    List<String> strings(ObjectMapper mapper, String... keys) {
        for (String key : keys) {
            AnyValue v = value(key);
            if (v == null) {
                continue;
            }
            JsonNode node = json(mapper, v);
            List<String> out = new ArrayList<>();
            if (node.isArray()) {
                node.forEach(item -> {
                    if (item.isValueNode() && !item.asText().isEmpty()) {
                        out.add(item.asText());
                    }
                });
            } else if (node.isValueNode() && !node.asText().isEmpty()) {
                out.add(node.asText());
            }
            if (!out.isEmpty()) {
                return out;
            }
        }
        return List.of();
    }

    /**
     * A structured attribute (the conventions' {@code any}: messages, instructions) as JSON: a map or array as such,
     * a string holding JSON as what it holds, any other string as itself. Empty when none of the keys is set.
     */
    Optional<JsonNode> structured(ObjectMapper mapper, String... keys) {
        for (String key : keys) {
            AnyValue v = value(key);
            if (v != null) {
                return Optional.of(json(mapper, v));
            }
        }
        return Optional.empty();
    }

    static JsonNode json(ObjectMapper mapper, AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> parsed(mapper, v.getStringValue());
            case BOOL_VALUE -> NODES.booleanNode(v.getBoolValue());
            case INT_VALUE -> NODES.numberNode(v.getIntValue());
            case DOUBLE_VALUE -> NODES.numberNode(v.getDoubleValue());
            case ARRAY_VALUE -> {
                ArrayNode array = NODES.arrayNode();
                v.getArrayValue().getValuesList().forEach(item -> array.add(json(mapper, item)));
                yield array;
            }
            case KVLIST_VALUE -> {
                ObjectNode object = NODES.objectNode();
                v.getKvlistValue().getValuesList().forEach(kv -> object.set(kv.getKey(), json(mapper, kv.getValue())));
                yield object;
            }
            default -> NODES.nullNode();
        };
    }

    /** A string that holds JSON (an array or object) as what it holds, any other string as itself. */
    private static JsonNode parsed(ObjectMapper mapper, String s) {
        String t = s.strip();
        if (t.startsWith("[") || t.startsWith("{")) {
            try {
                return mapper.readTree(t);
            } catch (JsonProcessingException e) {
                return NODES.textNode(s);
            }
        }
        return NODES.textNode(s);
    }
}
