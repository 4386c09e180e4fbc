package io.thinkwatch.review;

import java.util.EnumSet;
import java.util.Set;

import io.thinkwatch.model.WireName;

/**
 * Where a finding stands in review. Resolved and false-positive findings can be reopened. {@code CONFIRMED} says a
 * reviewer judged the finding right (a monitor's verdict, say) without closing it: it can still be resolved. A rule's
 * precision is confirmed over confirmed plus false positive.
 */
public enum FindingState implements WireName {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED,
    FALSE_POSITIVE,
    CONFIRMED;

    @Override
    public String wire() {
        return WireName.super.wire();
    }

    /** The states a finding in this state may move to. */
    public Set<FindingState> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(ACKNOWLEDGED, RESOLVED, FALSE_POSITIVE, CONFIRMED);
            case ACKNOWLEDGED -> EnumSet.of(OPEN, RESOLVED, FALSE_POSITIVE, CONFIRMED);
            case CONFIRMED -> EnumSet.of(OPEN, RESOLVED);
            case RESOLVED, FALSE_POSITIVE -> EnumSet.of(OPEN);
        };
    }

    /** The state with this wire name, or null. */
    public static FindingState fromWire(String value) {
        return WireName.find(FindingState.class, value);
    }
}
