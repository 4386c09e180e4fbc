package io.thinkwatch.review;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/** One entry of a review item's history: who did what when. */
@Entity
@Table(name = "review_event")
public class ReviewEvent extends PanacheEntity {

    /** What happened. */
    public enum Action {
        OPENED,
        TRANSITION,
        ASSIGN,
        NOTE
    }

    public String findingId;
    public Instant at;
    public String actor;
    public String action;
    public String fromState;
    public String toState;
    public String assignee;
    public String note;

    static ReviewEvent record(String findingId, String actor, Action action) {
        ReviewEvent event = new ReviewEvent();
        event.findingId = findingId;
        event.at = Instant.now();
        event.actor = actor;
        event.action = action.name().toLowerCase(Locale.ROOT);
        return event;
    }

    static List<ReviewEvent> of(String findingId) {
        return list("findingId = ?1 order by at, id", findingId);
    }
}
