package io.thinkwatch.security;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * Audits every read of captured text (decision 0025): one {@code trace.read} entry per answer that showed text or
 * searched it, and one {@code trace.export} per export, each with a row per trace shown in
 * {@code audit_trace_read}, so that who read a trace and what a person read are answered by index.
 */
@ApplicationScoped
public class TraceReads {

    public static final String READ = "trace.read";
    public static final String EXPORT = "trace.export";

    /** The entry an export was recorded as; the rows of its pages point at it. */
    public record Export(String tenant, long seq, String actor) {}

    private final AuditLog audit;
    private final ObjectMapper mapper;

    public TraceReads(AuditLog audit, ObjectMapper mapper) {
        this.audit = audit;
        this.mapper = mapper;
    }

    /**
     * Records what the caller was shown, with the search that found it ({@code search} null for none). Records
     * nothing when no text was shown and no text searched: a viewer's reads, or a reviewer's empty page.
     */
    @Transactional
    public void read(String tenant, String via, TextShown shown, SearchedText search) {
        if (shown.isEmpty() && search == null) {
            return;
        }
        List<String> ids = shown.traceIds();
        Map<String, Object> detail = AuditLog.detail(
                "via",
                via,
                "traceIds",
                ids,
                "fields",
                List.copyOf(shown.fields()),
                "query",
                search == null ? null : search.detail(),
                "matched",
                search == null ? null : search.matched());
        audit.record(tenant, READ, "trace", ids.size() == 1 ? ids.get(0) : null, detail);
        AuditEntry entry = justRecorded(tenant);
        insert(tenant, entry.seq, READ, entry.actor, entry.at, shown);
    }

    /** Records an export before its first line is sent; its pages are then recorded by {@link #exported}. */
    @Transactional
    public Export export(String tenant, Map<String, ?> detail) {
        audit.record(tenant, EXPORT, "trace", null, detail);
        AuditEntry entry = justRecorded(tenant);
        return new Export(tenant, entry.seq, entry.actor);
    }

    /** Records the traces whose text one page of {@code export} is about to send. */
    @Transactional
    public void exported(Export export, TextShown shown) {
        if (!shown.isEmpty()) {
            insert(export.tenant(), export.seq(), EXPORT, export.actor(), now(), shown);
        }
    }

    /** The reads of the tenant that answer the question, newest first. */
    @Transactional
    public List<TraceRead> find(String tenant, ReadsQuery q) {
        StringBuilder where = new StringBuilder("tenant = :tenant");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", tenant);
        if (q.traceId() != null) {
            where.append(" and traceId = :traceId");
            params.put("traceId", q.traceId());
        }
        if (q.actor() != null) {
            where.append(" and actor = :actor");
            params.put("actor", q.actor());
        }
        if (q.from() != null) {
            where.append(" and at >= :from");
            params.put("from", q.from());
        }
        if (q.to() != null) {
            where.append(" and at < :to");
            params.put("to", q.to());
        }
        if (q.before() != null) {
            where.append(" and (at < :beforeAt or (at = :beforeAt and id < :beforeId))");
            params.put("beforeAt", q.before().at());
            params.put("beforeId", q.before().id());
        }
        return TraceRead.<TraceRead>find(where + " order by at desc, id desc", params)
                .page(0, q.size())
                .list();
    }

    /**
     * The entry {@link AuditLog#record} just wrote in this transaction: the tenant's lock, held until the commit,
     * lets no other entry of the tenant in between.
     */
    private static AuditEntry justRecorded(String tenant) {
        return AuditEntry.<AuditEntry>find("tenant = ?1 order by seq desc", tenant)
                .firstResult();
    }

    /**
     * One statement for the whole page (up to 500 rows), the rows passed as one JSON array: identity keys keep
     * Hibernate from batching entity inserts, and a row per round trip would slow every search page.
     */
    private void insert(String tenant, long seq, String action, String actor, Instant at, TextShown shown) {
        ArrayNode rows = mapper.createArrayNode();
        shown.fieldsByTrace()
                .forEach((traceId, fields) ->
                        rows.addObject().put("trace_id", traceId).put("fields", json(fields)));
        TraceRead.getEntityManager()
                .createNativeQuery("insert into audit_trace_read (tenant, seq, action, trace_id, fields, actor, at)"
                        + " select ?1, ?2, ?3, r.trace_id, r.fields, ?4, ?5"
                        + " from jsonb_to_recordset(cast(?6 as jsonb)) as r(trace_id text, fields text)"
                        + " on conflict do nothing")
                .setParameter(1, tenant)
                .setParameter(2, seq)
                .setParameter(3, action)
                .setParameter(4, actor)
                .setParameter(5, at)
                .setParameter(6, rows.toString())
                .executeUpdate();
    }

    private String json(NavigableSet<String> fields) {
        try {
            return mapper.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("field names are plain strings", e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
