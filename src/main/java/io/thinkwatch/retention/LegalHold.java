package io.thinkwatch.retention;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.thinkwatch.platform.WireNameConverter;

/** A legal hold of one tenant: while it is not released, the captured text of the traces it names is kept. */
@Entity
@Table(name = "legal_hold")
public class LegalHold extends PanacheEntityBase {

    /** A random id, 32 hex digits. */
    @Id
    public String id;

    public String tenant;

    @Convert(converter = KindColumn.class)
    public HoldKind kind;

    /** The trace id, finding id or app name held. */
    public String target;

    /** The traces held: the trace itself, or a finding's traces as it listed them when the hold was placed. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> traceIds;

    public String reason;
    public String placedBy;
    public Instant placedAt;
    public String releasedBy;
    public Instant releasedAt;

    public static List<LegalHold> ofTenant(String tenant) {
        return list("tenant = ?1 order by placedAt desc, id", tenant);
    }

    /** The holds of every tenant that are not released. */
    public static List<LegalHold> active() {
        return list("releasedAt is null");
    }

    @Converter
    static class KindColumn extends WireNameConverter<HoldKind> {
        KindColumn() {
            super(HoldKind.class);
        }
    }
}
