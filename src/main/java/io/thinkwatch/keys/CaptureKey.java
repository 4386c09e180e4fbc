package io.thinkwatch.keys;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A capture key of one tenant, as the console made it: the key text itself is not kept, only its SHA-256. */
@Entity
@Table(name = "capture_key")
public class CaptureKey extends PanacheEntityBase {

    /** The random key id the key carries, 32 hex digits. */
    @Id
    public String id;

    public String tenant;
    public String name;
    public String app;
    public String env;
    public String keyHash;
    public String createdBy;
    public Instant createdAt;
    public Instant revokedAt;
    public String revokedBy;

    /** False while a revocation has not reached the topic yet. */
    public boolean published = true;

    public static List<CaptureKey> ofTenant(String tenant) {
        return list("tenant = ?1 order by createdAt desc, id", tenant);
    }
}
