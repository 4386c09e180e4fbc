package io.thinkwatch.review;

import java.util.EnumSet;
import java.util.Set;

import io.thinkwatch.model.WireName;

/** Where a finding stands in review. Resolved and false-positive findings can be reopened. */
public enum FindingState implements WireName {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED,
    FALSE_POSITIVE;

    @Override
    public String wire() {
        return WireName.super.wire();
    }

    /** The states a finding in this state may move to. */
    public Set<FindingState> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(ACKNOWLEDGED, RESOLVED, FALSE_POSITIVE);
            case ACKNOWLEDGED -> EnumSet.of(OPEN, RESOLVED, FALSE_POSITIVE);
            case RESOLVED, FALSE_POSITIVE -> EnumSet.of(OPEN);
        };
    }

    /** The state with this wire name, or null. */
    public static FindingState fromWire(String value) {
        return WireName.find(FindingState.class, value);
    }
}
