package io.thinkwatch.rules.evaluators;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import io.quarkus.runtime.configuration.DurationConverter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a rule's {@code params} object and collects every problem with the field it concerns, so one 400
 * answer names them all. Unknown parameters are refused: a typo must not silently fall back to a default.
 */
public final class RuleParams {

    private final JsonNode node;
    private final Set<String> known = new LinkedHashSet<>();
    private final List<String> errors = new ArrayList<>();

    public RuleParams(JsonNode node) {
        this.node = node;
        if (node != null && !node.isNull() && !node.isObject()) {
            errors.add("params: must be an object");
        }
    }

    /** A whole number at least {@code min}; {@code fallback} when absent (null = required). */
    public long whole(String name, Long fallback, long min) {
        return whole(name, fallback, min, Long.MAX_VALUE);
    }

    /** A whole number in {@code [min, max]}; {@code fallback} when absent (null = required). */
    public long whole(String name, Long fallback, long min, long max) {
        JsonNode value = value(name);
        if (value == null) {
            return required(name, fallback, min);
        }
        if (!value.isIntegralNumber()
                || !value.canConvertToLong()
                || value.longValue() < min
                || value.longValue() > max) {
            return error(
                    name,
                    max == Long.MAX_VALUE
                            ? "must be a whole number of at least " + min
                            : "must be a whole number from " + min + " to " + max,
                    min);
        }
        return value.longValue();
    }

    /** A number in {@code [min, max]}; {@code fallback} when absent (null = required). */
    public double number(String name, Double fallback, double min, double max) {
        JsonNode value = value(name);
        if (value == null) {
            return required(name, fallback, 0.0);
        }
        if (!value.isNumber() || value.doubleValue() < min || value.doubleValue() > max) {
            return error(name, "must be a number from " + min + " to " + max, 0.0);
        }
        return value.doubleValue();
    }

    /** A number above zero. */
    public double positive(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return required(name, null, 0.0);
        }
        if (!value.isNumber() || value.doubleValue() <= 0) {
            return error(name, "must be a number above 0", 0.0);
        }
        return value.doubleValue();
    }

    /** A decimal above zero, e.g. an amount in USD. */
    public BigDecimal amount(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return required(name, null, BigDecimal.ZERO);
        }
        if (!value.isNumber() || value.decimalValue().signum() <= 0) {
            return error(name, "must be a number above 0", BigDecimal.ZERO);
        }
        return value.decimalValue();
    }

    /** A duration such as {@code 90s}, {@code 15m}, {@code 1h}, {@code 2d} or {@code PT1H}, within bounds. */
    public Duration duration(String name, Duration fallback, Duration min, Duration max) {
        JsonNode value = value(name);
        if (value == null) {
            return required(name, fallback, min);
        }
        Duration parsed = value.isTextual() ? parseDuration(value.textValue()) : null;
        if (parsed == null || parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
            return error(
                    name,
                    "must be a duration such as 15m or 1h, from " + Durations.format(min) + " to "
                            + Durations.format(max),
                    min);
        }
        return parsed;
    }

    /** Text of at most {@code maxLength} characters. */
    public String text(String name, String fallback, int maxLength) {
        JsonNode value = value(name);
        if (value == null) {
            return required(name, fallback, "");
        }
        if (!value.isTextual()
                || value.textValue().isEmpty()
                || value.textValue().length() > maxLength) {
            return error(name, "must be text of 1 to " + maxLength + " characters", "");
        }
        return value.textValue();
    }

    public boolean flag(String name, boolean fallback) {
        JsonNode value = value(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            return error(name, "must be true or false", fallback);
        }
        return value.booleanValue();
    }

    /** One of the constants of {@code type}, written in lower case. */
    public <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
        JsonNode value = value(name);
        if (value == null) {
            return required(name, fallback, null);
        }
        E found = value.isTextual() ? parse(type, value.textValue()) : null;
        return found != null ? found : error(name, "must be one of " + wireNames(type), fallback);
    }

    /** A non-empty list of constants of {@code type}. */
    public <E extends Enum<E>> Set<E> choices(String name, Class<E> type, Set<E> fallback) {
        JsonNode value = value(name);
        if (value == null) {
            return required(name, fallback, Set.of());
        }
        Set<E> found = new LinkedHashSet<>();
        if (value.isArray()) {
            value.forEach(item -> found.add(item.isTextual() ? parse(type, item.textValue()) : null));
        }
        if (!value.isArray() || found.isEmpty() || found.contains(null)) {
            return error(name, "must be a non-empty list of " + wireNames(type), fallback);
        }
        return found;
    }

    /** The parameter as given, for a kind that reads a nested structure itself; null when absent. */
    public JsonNode node(String name) {
        return value(name);
    }

    /** Records a problem found by the caller, e.g. a pattern that does not compile. */
    public void reject(String name, String reason) {
        errors.add("params." + name + ": " + reason);
    }

    /** Throws {@link RuleInvalid} listing every problem, including parameters this kind does not know. */
    public void done() {
        if (node != null && node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    errors.add("params." + name + ": unknown parameter; known: " + String.join(", ", known));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new RuleInvalid(errors);
        }
    }

    private JsonNode value(String name) {
        known.add(name);
        JsonNode value = node == null || !node.isObject() ? null : node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private <T> T required(String name, T fallback, T placeholder) {
        return fallback != null ? fallback : error(name, "is required", placeholder);
    }

    private <T> T error(String name, String reason, T placeholder) {
        reject(name, reason);
        return placeholder;
    }

    private static Duration parseDuration(String text) {
        try {
            return DurationConverter.parseDuration(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static <E extends Enum<E>> E parse(Class<E> type, String wire) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(wire)) {
                return constant;
            }
        }
        return null;
    }

    static <E extends Enum<E>> String wireNames(Class<E> type) {
        Function<E, String> wire = e -> e.name().toLowerCase(Locale.ROOT);
        return String.join(
                ", ", java.util.Arrays.stream(type.getEnumConstants()).map(wire).toList());
    }
}
