package io.thinkwatch.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** How urgent a finding is, in rising order: a channel with a minimum severity gets this one and those above. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    /** True when this severity is {@code minimum} or above it. */
    public boolean atLeast(Severity minimum) {
        return compareTo(minimum) >= 0;
    }
}
