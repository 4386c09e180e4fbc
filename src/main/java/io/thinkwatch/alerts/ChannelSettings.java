package io.thinkwatch.alerts;

import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Validates the {@code settings} of a channel against its kind and splits them into plain and secret parts.
 * A setting left out keeps its stored value, so secrets need not be sent again on an update.
 */
final class ChannelSettings {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>,;\"]+@[^@\\s<>,;\"]+");
    private static final Set<String> STARTTLS = Set.of("disabled", "optional", "required");
    private static final int MAX_TEXT = 2000;

    /** The settings after a create or update: what is shown, and what is sealed. */
    record Split(ObjectNode plain, ObjectNode secrets) {}

    private ChannelSettings() {}

    static Split apply(ChannelKind kind, JsonNode input, Split current, TargetPolicy policy, List<String> errors) {
        ObjectNode plain = current.plain().deepCopy();
        ObjectNode secrets = current.secrets().deepCopy();
        if (input != null && !input.isNull() && !input.isObject()) {
            errors.add("settings: must be a JSON object");
            return new Split(plain, secrets);
        }
        Map<String, ChannelField> fields = new LinkedHashMap<>();
        kind.fields().forEach(f -> fields.put(f.name(), f));
        if (input != null && input.isObject()) {
            for (Iterator<String> names = input.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!fields.containsKey(name)) {
                    errors.add("settings." + name + ": not a setting of kind " + kind.wire() + " (known: "
                            + String.join(", ", fields.keySet()) + ")");
                }
            }
        }
        for (ChannelField field : kind.fields()) {
            ObjectNode target = field.secret() ? secrets : plain;
            JsonNode value = input == null ? null : input.get(field.name());
            if (value != null && !value.isNull()) {
                String problem = problem(field, value, policy);
                if (problem != null) {
                    errors.add("settings." + field.name() + ": " + problem);
                } else {
                    target.set(field.name(), normalized(field, value));
                }
            } else if (field.required() && !target.has(field.name())) {
                errors.add("settings." + field.name() + ": required for kind " + kind.wire());
            }
        }
        return new Split(plain, secrets);
    }

    private static String problem(ChannelField field, JsonNode value, TargetPolicy policy) {
        return switch (field.type()) {
            case TEXT ->
                value.isTextual()
                                && !value.textValue().isBlank()
                                && value.textValue().length() <= MAX_TEXT
                        ? null
                        : "must be a non-empty string of at most " + MAX_TEXT + " characters";
            case URL ->
                value.isTextual() ? policy.problem(value.textValue()).orElse(null) : "must be an http or https URL";
            case EMAIL ->
                value.isTextual() && EMAIL.matcher(value.textValue()).matches() ? null : "must be an email address";
            case EMAILS -> emailsProblem(value);
            case PORT ->
                value.canConvertToInt() && value.isIntegralNumber() && value.intValue() > 0 && value.intValue() < 65536
                        ? null
                        : "must be a port number (1-65535)";
            case BOOLEAN -> value.isBoolean() ? null : "must be true or false";
            case STARTTLS ->
                value.isTextual() && STARTTLS.contains(value.textValue())
                        ? null
                        : "must be one of disabled, optional, required";
        };
    }

    private static String emailsProblem(JsonNode value) {
        List<String> addresses = addresses(value);
        if (addresses.isEmpty() || addresses.size() > 50) {
            return "must list 1 to 50 email addresses";
        }
        for (String address : addresses) {
            if (!EMAIL.matcher(address).matches()) {
                return "'" + address + "' is not an email address";
            }
        }
        return null;
    }

    private static JsonNode normalized(ChannelField field, JsonNode value) {
        if (field.type() == ChannelField.Type.EMAILS) {
            var array = JsonNodeFactory.instance.arrayNode();
            addresses(value).forEach(array::add);
            return array;
        }
        return value;
    }

    /** A list of addresses from an array or a comma-separated string. */
    static List<String> addresses(JsonNode value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (value.isArray()) {
            value.forEach(v -> out.add(v.asText().trim()));
        } else if (value.isTextual()) {
            for (String part : value.textValue().split(",", -1)) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    /** What the API shows for stored secrets: the scheme and host of a URL, otherwise only that one is set. */
    static Map<String, String> hints(ObjectNode secrets) {
        Map<String, String> hints = new LinkedHashMap<>();
        secrets.properties()
                .forEach(e -> hints.put(e.getKey(), hint(e.getValue().asText())));
        return hints;
    }

    static String hint(String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() != null && uri.getHost() != null) {
                return uri.getScheme() + "://" + uri.getHost() + "/…(hidden)";
            }
        } catch (java.net.URISyntaxException e) {
            // not a URL: show nothing of it
        }
        return "(hidden)";
    }
}
