package io.thinkwatch.alerts;

import io.thinkwatch.model.WireName;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a notification says about its finding group. */
public enum AlertAction implements WireName {
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

    /** Stored by its lower-case name; JSON carries {@link #type()}, so this one is not the JSON value. */
    @Override
    @JsonValue(false)
    public String wire() {
        return WireName.super.wire();
    }

    /** The action with this stored name, or null. */
    public static AlertAction fromWire(String wire) {
        return WireName.find(AlertAction.class, wire);
    }
}
