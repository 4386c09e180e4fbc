package io.thinkwatch.console.ui;

import java.util.List;
import java.util.Set;

import io.thinkwatch.review.FindingState;

/** A move of a finding the queue offers, as a button: the state it leads to and the words on the button. */
public record FindingAction(String state, String label) {

    static final List<FindingAction> ALL = List.of(
            new FindingAction("acknowledged", "Acknowledge"),
            new FindingAction("confirmed", "Confirm"),
            new FindingAction("resolved", "Resolve"),
            new FindingAction("false_positive", "Mark false positive"),
            new FindingAction("open", "Reopen"));

    /** The moves a finding in state {@code from} allows, in the order of {@link #ALL}. */
    static List<FindingAction> from(FindingState from) {
        Set<FindingState> next = from.next();
        return ALL.stream()
                .filter(a -> next.contains(FindingState.fromWire(a.state())))
                .toList();
    }

    /** The past tense for a message: "acknowledged", "reopened". */
    static String done(String state) {
        return switch (state) {
            case "open" -> "reopened";
            case "false_positive" -> "marked false positive";
            default -> state;
        };
    }
}
