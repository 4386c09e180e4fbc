package io.thinkwatch.monitor;

import io.thinkwatch.model.WireName;

/** Which judge a {@code reasoning_monitor} rule asks: the built-in cues, or the tenant's model judge. */
public enum JudgeKind implements WireName {
    BUILT_IN,
    MODEL;

    @Override
    public String wire() {
        return WireName.super.wire();
    }
}
