package io.thinkwatch.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Provenance of the token counts: reported by the provider, estimated by Thinkwatch, or missing. */
public enum UsageSource {
    PROVIDER, ESTIMATED, MISSING;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }
}
