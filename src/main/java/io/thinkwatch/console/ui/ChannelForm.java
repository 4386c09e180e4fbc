package io.thinkwatch.console.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.thinkwatch.alerts.ChannelField;
import io.thinkwatch.alerts.ChannelKind;
import io.thinkwatch.alerts.ChannelRequest;
import io.thinkwatch.alerts.ChannelView;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The channel form as typed. Secret settings are never filled in: on an edit a blank secret keeps the stored
 * one (the API's rule for settings left out), and the page shows only the hint the API gives.
 */
public record ChannelForm(
        String name,
        String kind,
        String minSeverity,
        String maxPerHour,
        boolean allowContent,
        boolean enabled,
        Map<String, String> settings) {

    /** One setting as the form shows it. */
    public record Field(
            String name,
            String label,
            String input,
            boolean secret,
            boolean required,
            String value,
            String hint,
            List<String> options) {}

    public static ChannelForm empty(String kind) {
        return new ChannelForm("", kind, "warning", "60", false, true, Map.of());
    }

    public static ChannelForm of(ChannelView channel) {
        Map<String, String> settings = new java.util.HashMap<>();
        channel.settings().fields().forEachRemaining(e -> settings.put(e.getKey(), text(e.getValue())));
        return new ChannelForm(
                channel.name(),
                channel.kind(),
                channel.minSeverity(),
                Integer.toString(channel.maxPerHour()),
                channel.allowContent(),
                channel.enabled(),
                settings);
    }

    /** The fields of this form's kind, with the stored secrets' hints. */
    public List<Field> fields(Map<String, String> secretHints) {
        ChannelKind k = ChannelKind.fromWire(kind);
        if (k == null) {
            return List.of();
        }
        List<Field> fields = new ArrayList<>();
        for (ChannelField f : k.fields()) {
            String stored = secretHints == null ? null : secretHints.get(f.name());
            String hint = f.secret()
                    ? (stored == null
                            ? "secret: shown only as a hint once saved"
                            : "stored: " + stored + "; leave empty to keep it")
                    : "";
            fields.add(new Field(
                    f.name(),
                    label(f.name()),
                    input(f),
                    f.secret(),
                    f.required(),
                    f.secret() ? "" : settings.getOrDefault(f.name(), ""),
                    hint,
                    options(f)));
        }
        return fields;
    }

    /** The API request: blank settings are left out, so an edit keeps them. */
    public ChannelRequest request(boolean creating, List<String> problems) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ChannelKind k = ChannelKind.fromWire(kind);
        if (k != null) {
            for (ChannelField f : k.fields()) {
                String value = settings.get(f.name());
                if (value != null && !value.isBlank()) {
                    node.set(f.name(), value(f, value.strip()));
                }
            }
        }
        Integer perHour = null;
        if (maxPerHour != null && !maxPerHour.isBlank()) {
            try {
                perHour = Integer.valueOf(maxPerHour.strip());
            } catch (NumberFormatException e) {
                problems.add("maxPerHour: must be a whole number, 0 for no limit");
            }
        }
        return new ChannelRequest(
                name == null || name.isBlank() ? null : name.strip(),
                creating ? kind : null,
                minSeverity,
                allowContent,
                perHour,
                enabled,
                node);
    }

    public List<String> severityChoices() {
        return List.of("info", "warning", "critical");
    }

    private static JsonNode value(ChannelField f, String value) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        return switch (f.type()) {
            case PORT -> value.matches("\\d{1,5}") ? json.numberNode(Integer.parseInt(value)) : json.textNode(value);
            case BOOLEAN ->
                "true".equals(value) || "false".equals(value)
                        ? json.booleanNode(Boolean.parseBoolean(value))
                        : json.textNode(value);
            default -> json.textNode(value);
        };
    }

    private static String input(ChannelField f) {
        if (f.secret()) {
            return "password";
        }
        return switch (f.type()) {
            case URL -> "url";
            case EMAIL -> "email";
            case PORT -> "number";
            case BOOLEAN, STARTTLS -> "select";
            default -> "text";
        };
    }

    private static List<String> options(ChannelField f) {
        return switch (f.type()) {
            case BOOLEAN -> List.of("", "true", "false");
            case STARTTLS -> List.of("", "disabled", "optional", "required");
            default -> List.of();
        };
    }

    private static String label(String name) {
        return switch (name) {
            case "url" -> "URL";
            case "routingKey" -> "Routing key";
            case "signingSecret" -> "Signing secret";
            case "to" -> "To (comma-separated)";
            case "from" -> "From";
            case "host" -> "SMTP host";
            case "port" -> "SMTP port";
            case "username" -> "SMTP user name";
            case "password" -> "SMTP password";
            case "startTls" -> "STARTTLS";
            case "ssl" -> "TLS (SSL)";
            default -> name;
        };
    }

    private static String text(JsonNode value) {
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(v.asText()));
            return String.join(", ", parts);
        }
        return value.asText();
    }
}
