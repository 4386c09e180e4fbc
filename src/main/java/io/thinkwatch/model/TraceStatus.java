package io.thinkwatch.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Outcome of a call as the application saw it. */
public enum TraceStatus {
    OK, INCOMPLETE, ERROR, ABORTED;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }
}
