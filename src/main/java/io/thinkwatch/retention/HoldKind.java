package io.thinkwatch.retention;

import io.thinkwatch.model.WireName;

/** What a legal hold keeps: one trace, the traces of one finding, or every trace of one app. */
public enum HoldKind implements WireName {
    TRACE,
    FINDING,
    APP;

    @Override
    public String wire() {
        return WireName.super.wire();
    }
}
