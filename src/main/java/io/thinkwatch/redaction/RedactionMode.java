package io.thinkwatch.redaction;

import io.thinkwatch.model.WireName;

/** What replaces a secret. */
public enum RedactionMode implements WireName {
    /** The secret becomes {@code [redacted:<type>]}. */
    MASK,
    /**
     * The secret becomes {@code [redacted:<type>:<16 hex>]}, the start of its HMAC-SHA256 under the installation's
     * key: equal secrets get equal markers, so they can be correlated without being readable.
     */
    HASH,
    /** A text in which any detector matched becomes {@code [redacted:dropped]} as a whole. */
    DROP;

    @Override
    public String wire() {
        return WireName.super.wire();
    }
}
