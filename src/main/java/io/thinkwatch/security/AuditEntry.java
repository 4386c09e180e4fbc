package io.thinkwatch.security;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One row of the audit log; written once by {@link AuditLog}, never updated. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String tenant;
    /** 1, 2, 3... per tenant: the position in the tenant's hash chain. */
    public long seq;

    public Instant at;
    public String actor;
    public String action;
    public String targetType;
    public String targetId;
    /** What changed, as a JSON object; never captured text or secrets. */
    public String detail;

    public String prevHash;
    public String hash;
    /** Which key linked this entry ({@link AuditKey#id()}), or {@link AuditChain#LEGACY} for plain SHA-256. */
    public String keyId;
}
