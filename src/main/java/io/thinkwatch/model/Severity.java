package io.thinkwatch.model;

/** How urgent a finding is, in rising order: a channel with a minimum severity gets this one and those above. */
public enum Severity implements WireName {
    INFO,
    WARNING,
    CRITICAL;

    @Override
    public String wire() {
        return WireName.super.wire();
    }

    /** True when this severity is {@code minimum} or above it. */
    public boolean atLeast(Severity minimum) {
        return compareTo(minimum) >= 0;
    }
}
