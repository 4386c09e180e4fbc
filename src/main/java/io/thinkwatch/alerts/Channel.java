package io.thinkwatch.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import io.thinkwatch.model.Severity;
import io.thinkwatch.platform.ModelConverters;

/** An on-call channel of one tenant. {@code settings} is plain JSON; {@code secrets} is sealed JSON ({@link SecretBox}). */
@Entity
@Table(name = "alert_channel")
public class Channel extends PanacheEntity {

    public String tenant;
    public String name;

    @Convert(converter = WireConverters.Kind.class)
    public ChannelKind kind;

    @Convert(converter = ModelConverters.SeverityColumn.class)
    public Severity minSeverity;

    public boolean allowContent;
    public int maxPerHour;
    public boolean enabled;
    public String settings;
    public String secrets;
    public Instant createdAt;
    public Instant updatedAt;

    public static List<Channel> ofTenant(String tenant) {
        return list("tenant = ?1 order by name", tenant);
    }

    public static Optional<Channel> ofTenant(String tenant, long id) {
        return find("tenant = ?1 and id = ?2", tenant, id).firstResultOptional();
    }

    public static Optional<Channel> named(String tenant, String name) {
        return find("tenant = ?1 and name = ?2", tenant, name).firstResultOptional();
    }
}
