package io.thinkwatch.review;

import java.time.Instant;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.thinkwatch.model.RuleKind;
import io.thinkwatch.model.Severity;
import io.thinkwatch.platform.ModelConverters;

/**
 * A finding in the review queue, keyed by finding id: the latest version of the finding (as JSON, with the
 * columns the queue filters on beside it) and its workflow state and assignee.
 */
@Entity
@Table(name = "review_item")
public class ReviewItem extends PanacheEntityBase {

    @Id
    public String findingId;

    public String tenant;
    public String ruleId;

    @Convert(converter = ModelConverters.RuleKindColumn.class)
    public RuleKind kind;

    @Convert(converter = ModelConverters.SeverityColumn.class)
    public Severity severity;

    public String app;
    public Instant firstSeenAt;
    public Instant lastSeenAt;
    /** The finding's count; a version with a higher count replaces the stored one, never a lower. */
    public long matchCount;
    /** The latest {@link io.thinkwatch.model.Finding} as JSON ({@code jsonb}: its trace ids are indexed). */
    @JdbcTypeCode(SqlTypes.JSON)
    public String finding;

    @Convert(converter = WireConverters.State.class)
    public FindingState state;

    public String assignee;
    public Instant createdAt;
    public Instant updatedAt;

    public static ReviewItem byId(String tenant, String findingId) {
        return find("tenant = ?1 and findingId = ?2", tenant, findingId).firstResult();
    }
}
