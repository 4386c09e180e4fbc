package io.thinkwatch.alerts;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a notification says about its finding group. */
public enum AlertAction {
    TRIGGER("finding.triggered"),
    RESOLVE("finding.resolved"),
    TEST("test");

    private final String type;

    AlertAction(String type) {
        this.type = type;
    }

    /** The webhook payload's {@code type}. */
    @JsonValue
    public String type() {
        return type;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AlertAction fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
