package io.thinkwatch.security;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One trace whose captured text an audit entry ({@code trace.read} or {@code trace.export}) showed: the index that
 * answers who read a trace and what a person read. Written by {@link TraceReads} only, never updated.
 */
@Entity
@Table(name = "audit_trace_read")
public class TraceRead extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String tenant;
    /** The audit entry this read belongs to. */
    public long seq;

    public String action;
    public String traceId;
    /** The text fields shown, as a JSON array of names. */
    public String fields;

    public String actor;
    public Instant at;
}
