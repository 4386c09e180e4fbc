package io.thinkwatch.model;

/** Provenance of the token counts: reported by the provider, estimated by Thinkwatch, or missing. */
public enum UsageSource implements WireName {
    PROVIDER,
    ESTIMATED,
    MISSING;

    @Override
    public String wire() {
        return WireName.super.wire();
    }
}
