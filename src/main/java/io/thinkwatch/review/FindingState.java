package io.thinkwatch.review;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a finding stands in review. Resolved and false-positive findings can be reopened. */
public enum FindingState {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED,
    FALSE_POSITIVE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
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
        for (FindingState state : values()) {
            if (state.wire().equals(value)) {
                return state;
            }
        }
        return null;
    }
}
