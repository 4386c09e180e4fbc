package io.thinkwatch.capture;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.thinkwatch.model.TraceEvent;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Reads the body of {@code POST /api/v1/traces}: one TraceEvent or an array of them. Strict on purpose, so a
 * typo or a wrong type is refused with the field's path rather than silently stored as absent: UTF-8 only, no
 * duplicate or unknown fields, no numbers in quotes, no fractions where counts belong.
 */
final class IngestReader {

    /** What a body became: events ready to publish, or every reason it was refused. */
    sealed interface Result permits Accepted, Refused {}

    record Accepted(List<TraceEvent> traces) implements Result {}

    record Refused(String message, List<String> details) implements Result {}

    private final ObjectMapper strict;
    private final IngestedTrace.Filler filler;
    private final int maxBatch;

    IngestReader(ObjectMapper mapper, IngestedTrace.Filler filler, int maxBatch) {
        this.strict = mapper.copy()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        for (LogicalType type : List.of(
                LogicalType.Integer,
                LogicalType.Float,
                LogicalType.Boolean,
                LogicalType.Textual,
                LogicalType.Enum,
                LogicalType.DateTime)) {
            strict.coercionConfigFor(type)
                    .setCoercion(
                            CoercionInputShape.String,
                            type == LogicalType.Textual || type == LogicalType.Enum || type == LogicalType.DateTime
                                    ? CoercionAction.TryConvert
                                    : CoercionAction.Fail)
                    .setCoercion(
                            CoercionInputShape.Integer,
                            type == LogicalType.Integer || type == LogicalType.Float
                                    ? CoercionAction.TryConvert
                                    : CoercionAction.Fail)
                    .setCoercion(
                            CoercionInputShape.Float,
                            type == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(
                            CoercionInputShape.Boolean,
                            type == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(
                            CoercionInputShape.EmptyString,
                            type == LogicalType.Textual ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
        this.filler = filler;
        this.maxBatch = maxBatch;
    }

    /** Reads a request's body as traces of {@code owner}. */
    Result read(byte[] body, IngestedTrace.Owner owner) {
        if (body.length == 0) {
            return refused("body: empty; send a TraceEvent object or an array of them");
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (MalformedInputException e) {
            return refused("body: not valid UTF-8 (" + e.getInputLength() + " bad byte(s))");
        } catch (CharacterCodingException e) {
            return refused("body: not valid UTF-8");
        }
        JsonNode root;
        try {
            root = strict.readTree(body);
        } catch (JsonProcessingException e) {
            return refused("body: not valid JSON: " + e.getOriginalMessage() + location(e));
        } catch (java.io.IOException e) {
            return refused("body: unreadable: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            return refused("body: empty; send a TraceEvent object or an array of them");
        }
        boolean batch = root.isArray();
        List<JsonNode> items = new ArrayList<>();
        root.forEach(items::add);
        if (!batch) {
            items = List.of(root);
        } else if (items.isEmpty()) {
            return refused("body: an empty array; send at least one TraceEvent");
        } else if (items.size() > maxBatch) {
            return refused("body: " + items.size() + " TraceEvents in one array; at most " + maxBatch);
        }
        List<TraceEvent> traces = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String prefix = batch ? "[" + i + "]" : "";
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                details.add((batch ? prefix : "body") + ": must be a TraceEvent object, was " + kind(item));
                continue;
            }
            try {
                TraceEvent trace = strict.treeToValue(item, TraceEvent.class);
                List<String> problems = IngestedTrace.problems(trace, owner);
                if (problems.isEmpty()) {
                    traces.add(filler.fill(trace, owner));
                } else {
                    problems.forEach(p -> details.add(join(prefix, p)));
                }
            } catch (JsonMappingException e) {
                details.add(join(prefix, path(e) + ": " + reason(e, item)));
            } catch (JacksonException e) {
                details.add((batch ? prefix : "body") + ": " + e.getOriginalMessage());
            }
        }
        if (!details.isEmpty()) {
            return new Refused(
                    batch ? "invalid TraceEvents; nothing of this batch was accepted" : "invalid TraceEvent",
                    List.copyOf(details));
        }
        return new Accepted(List.copyOf(traces));
    }

    private static Refused refused(String detail) {
        return new Refused("unreadable body", List.of(detail));
    }

    private static String join(String prefix, String detail) {
        return prefix.isEmpty() ? detail : prefix + "." + detail;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }

    /** Dotted path of the field, e.g. {@code usage.inputTokens} or {@code tags.team}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private String reason(JsonMappingException e, JsonNode item) {
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        JsonNode value = item.at(pointer(e));
        String was = value.isMissingNode() ? "" : ", was " + kind(value);
        if (e instanceof InvalidFormatException invalid
                && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return "must be one of "
                    + Arrays.stream(invalid.getTargetType().getEnumConstants())
                            .map(this::wire)
                            .collect(Collectors.joining(", "))
                    + was;
        }
        Class<?> target =
                e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m ? m.getTargetType() : null;
        return "must be " + expected(target) + was;
    }

    /** The JSON name of an enum constant, as the TraceEvent writes it. */
    private String wire(Object constant) {
        return strict.valueToTree(constant).asText();
    }

    private static String pointer(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            pointer.append('/')
                    .append(
                            ref.getFieldName() != null
                                    ? ref.getFieldName().replace("~", "~0").replace("/", "~1")
                                    : String.valueOf(ref.getIndex()));
        }
        return pointer.toString();
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return "a valid value";
        } else if (target == Long.class || target == Integer.class || target == long.class || target == int.class) {
            return "a whole number";
        } else if (target == Double.class || target == java.math.BigDecimal.class || target == double.class) {
            return "a number";
        } else if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        } else if (target == String.class) {
            return "a string";
        } else if (target == java.time.Instant.class) {
            return "an ISO-8601 instant such as 2026-03-01T12:00:00Z";
        } else if (java.util.Map.class.isAssignableFrom(target)) {
            return "an object of string values";
        }
        return "an object";
    }

    private static String kind(JsonNode value) {
        if (value.isTextual()) {
            String text = value.textValue();
            return "'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
        }
        if (value.isNumber() || value.isBoolean() || value.isNull()) {
            return value.toString();
        }
        return value.isArray() ? "an array" : "an object";
    }
}
