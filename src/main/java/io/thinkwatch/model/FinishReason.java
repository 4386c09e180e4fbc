package io.thinkwatch.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why generation ended, normalized across providers. {@code LENGTH} means the output budget ran out. */
public enum FinishReason {
    STOP, LENGTH, CONTENT_FILTER, TOOL_CALLS, ERROR, ABORTED, OTHER;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }
}
