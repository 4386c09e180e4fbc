package io.thinkwatch.review;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A finding in the review queue, keyed by finding id: the latest version of the finding (as JSON, with the
 * columns the queue filters on beside it) and its workflow state and assignee.
 */
@Entity
@Table(name = "review_item")
public class ReviewItem extends PanacheEntityBase {

    @Id
    @Column(name = "finding_id")
    public String findingId;
    public String tenant;
    @Column(name = "rule_id")
    public String ruleId;
    public String kind;
    public String severity;
    public String app;
    @Column(name = "first_seen_at")
    public Instant firstSeenAt;
    @Column(name = "last_seen_at")
    public Instant lastSeenAt;
    /** The finding's count; a version with a higher count replaces the stored one, never a lower. */
    @Column(name = "match_count")
    public long matchCount;
    /** The latest {@link io.thinkwatch.model.Finding} as JSON. */
    public String finding;
    public String state;
    public String assignee;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static ReviewItem byId(String tenant, String findingId) {
        return find("tenant = ?1 and findingId = ?2", tenant, findingId).firstResult();
    }
}
