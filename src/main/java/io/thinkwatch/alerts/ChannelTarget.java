package io.thinkwatch.alerts;

import java.util.List;

import io.thinkwatch.model.Severity;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A channel with its secrets opened, as a sender needs it; never serialized. */
public record ChannelTarget(
        long id,
        String tenant,
        String name,
        ChannelKind kind,
        Severity minSeverity,
        boolean allowContent,
        ObjectNode settings,
        ObjectNode secrets) {

    /** A plain or secret setting as text, or null. */
    public String get(String field) {
        var value = secrets.has(field) ? secrets.get(field) : settings.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public List<String> addresses(String field) {
        return ChannelSettings.addresses(settings.get(field));
    }

    @Override
    public String toString() {
        return "ChannelTarget[" + id + " " + kind.wire() + " " + name + "]";
    }
}
