package io.thinkwatch.review;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import io.thinkwatch.model.WireName;

/** One entry of a review item's history: who did what when. */
@Entity
@Table(name = "review_event")
public class ReviewEvent extends PanacheEntity {

    /** What happened. */
    public enum Action implements WireName {
        OPENED,
        TRANSITION,
        ASSIGN,
        NOTE;

        @Override
        public String wire() {
            return WireName.super.wire();
        }
    }

    public String findingId;
    public Instant at;
    public String actor;

    @Convert(converter = WireConverters.EventAction.class)
    public Action action;

    @Convert(converter = WireConverters.State.class)
    public FindingState fromState;

    @Convert(converter = WireConverters.State.class)
    public FindingState toState;

    public String assignee;
    public String note;

    static ReviewEvent record(String findingId, String actor, Action action) {
        ReviewEvent event = new ReviewEvent();
        event.findingId = findingId;
        event.at = Instant.now();
        event.actor = actor;
        event.action = action;
        return event;
    }

    static List<ReviewEvent> of(String findingId) {
        return list("findingId = ?1 order by at, id", findingId);
    }
}
