package io.thinkwatch.model;

/** Why generation ended, normalized across providers. {@code LENGTH} means the output budget ran out. */
public enum FinishReason implements WireName {
    STOP,
    LENGTH,
    CONTENT_FILTER,
    TOOL_CALLS,
    ERROR,
    ABORTED,
    OTHER;

    @Override
    public String wire() {
        return WireName.super.wire();
    }
}
