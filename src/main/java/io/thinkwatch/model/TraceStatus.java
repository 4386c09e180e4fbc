package io.thinkwatch.model;

/** Outcome of a call as the application saw it. */
public enum TraceStatus implements WireName {
    OK,
    INCOMPLETE,
    ERROR,
    ABORTED;

    @Override
    public String wire() {
        return WireName.super.wire();
    }
}
