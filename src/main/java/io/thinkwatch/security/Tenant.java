package io.thinkwatch.security;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A tenant: its name (the id every row carries), the name people see, and whether it may be used. */
@Entity
@Table(name = "tenant")
public class Tenant extends PanacheEntityBase {

    @Id
    public String name;

    public String displayName;
    public boolean enabled = true;
    public Instant createdAt;

    /** False while its enabled state has not reached the topic that capture follows. */
    public boolean published = true;

    /**
     * Whether people and tokens of the tenant may act; a tenant without a row (named by rows older than tenants)
     * counts as enabled.
     */
    public static boolean isEnabled(String name) {
        Tenant tenant = findById(name);
        return tenant == null || tenant.enabled;
    }
}
