package io.thinkwatch.security;

import io.thinkwatch.model.WireName;

/** What kind of tampering broke an audit chain, as {@code verify} names it (docs/api.md#audit-log). */
public enum BreakKind implements WireName {
    /** One entry's content no longer matches its link: it was changed after it was written. */
    EDITED,
    /** Entries are missing: a gap in {@code seq}, or a {@code prevHash} that is not the previous entry's hash. */
    DELETED,
    /** The chain ends before the entry its latest checkpoint saw: its tail was cut off. */
    CUT,
    /**
     * Entries linked to each other but not by a configured key, linked with plain SHA-256 after keyed ones, or
     * differing from a checkpoint: the chain was recomputed from some entry on.
     */
    REWRITTEN;

    @Override
    public String wire() {
        return WireName.super.wire();
    }
}
