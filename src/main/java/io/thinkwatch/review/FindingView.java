package io.thinkwatch.review;

import java.time.Instant;
import java.util.List;

import io.thinkwatch.model.Finding;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A finding as the review API shows it: the finding's fields, its review state, and (one by one) its history. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FindingView(
        @JsonUnwrapped Finding finding,
        FindingState state,
        String assignee,
        Instant createdAt,
        Instant updatedAt,
        List<HistoryEntry> history) {

    /** One step of the history. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoryEntry(
            Instant at,
            String actor,
            ReviewEvent.Action action,
            FindingState from,
            FindingState to,
            String assignee,
            String note) {

        static HistoryEntry of(ReviewEvent event) {
            return new HistoryEntry(
                    event.at, event.actor, event.action, event.fromState, event.toState, event.assignee, event.note);
        }
    }
}
