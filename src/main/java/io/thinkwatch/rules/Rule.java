package io.thinkwatch.rules;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import io.thinkwatch.model.RuleKind;
import io.thinkwatch.platform.ModelConverters;

/** A stored rule: its normalized definition as JSON, and the evaluation errors the engine counted. */
@Entity
@Table(name = "tw_rule")
public class Rule extends PanacheEntity {

    public String tenant;
    public String name;

    @Convert(converter = ModelConverters.RuleKindColumn.class)
    public RuleKind kind;

    public boolean enabled;
    /** The normalized {@link RuleDefinition} as JSON. */
    public String definition;

    public long version = 1;
    public Instant createdAt = Instant.now();
    public Instant updatedAt = Instant.now();
    public String updatedBy;
    public long errorCount;
    public String lastError;
    public Instant lastErrorAt;

    public static List<Rule> ofTenant(String tenant) {
        return list("tenant = ?1 order by name", tenant);
    }

    public static Rule byId(String tenant, long id) {
        return find("tenant = ?1 and id = ?2", tenant, id).firstResult();
    }

    public static Rule byName(String tenant, String name) {
        return find("tenant = ?1 and name = ?2", tenant, name).firstResult();
    }
}
