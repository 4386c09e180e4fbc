package io.thinkwatch.security;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;

import io.quarkus.security.identity.SecurityIdentity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The tenant-scoped, tamper-evident audit log: who changed what, when. Entries are written in the transaction
 * of the change they record (so a rolled-back change leaves no entry), one tenant at a time under a PostgreSQL
 * advisory lock, each chained to the previous by {@link AuditChain}.
 */
@ApplicationScoped
public class AuditLog {

    /** Actor of changes made by Thinkwatch itself, e.g. the first admin. */
    public static final String SYSTEM = "thinkwatch";

    private static final int VERIFY_BATCH = 1000;

    /** What a verification found. {@code firstBroken} is null when the chain is intact. */
    public record Verification(boolean valid, long entries, String lastHash, Broken firstBroken) {}

    /** The first entry that does not fit the chain, and why. */
    public record Broken(long seq, String reason) {}

    private final ObjectMapper mapper;
    private final Instance<SecurityIdentity> identity;

    public AuditLog(ObjectMapper mapper, Instance<SecurityIdentity> identity) {
        this.mapper = mapper;
        this.identity = identity;
    }

    /** Records a change by the person or token calling now. */
    @Transactional
    public void record(String tenant, String action, String targetType, String targetId, Map<String, ?> detail) {
        recordAs(tenant, currentActor(), action, targetType, targetId, detail);
    }

    /** Records something done by a named actor, e.g. a sign-in before there is an identity. */
    @Transactional
    public void recordAs(
            String tenant, String actor, String action, String targetType, String targetId, Map<String, ?> detail) {
        AuditEntry.getEntityManager()
                .createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtext(?1))) locked")
                .setParameter(1, "audit:" + tenant)
                .getSingleResult();
        AuditEntry last =
                AuditEntry.find("tenant = ?1 order by seq desc", tenant).firstResult();
        AuditEntry entry = new AuditEntry();
        entry.tenant = tenant;
        entry.seq = last == null ? 1 : last.seq + 1;
        entry.at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        entry.actor = actor;
        entry.action = action;
        entry.targetType = targetType;
        entry.targetId = targetId;
        entry.detail = json(detail);
        entry.prevHash = last == null ? AuditChain.GENESIS : last.hash;
        entry.hash = AuditChain.hash(entry);
        entry.persist();
    }

    /** The tenant's entries matching the query, newest first. */
    @Transactional
    public List<AuditEntry> find(String tenant, AuditQuery q) {
        StringBuilder where = new StringBuilder("tenant = :tenant");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", tenant);
        if (q.actor() != null) {
            where.append(" and actor = :actor");
            params.put("actor", q.actor());
        }
        if (q.action() != null) {
            where.append(q.action().endsWith(".") ? " and action like :action" : " and action = :action");
            params.put("action", q.action().endsWith(".") ? q.action() + "%" : q.action());
        }
        if (q.targetType() != null) {
            where.append(" and targetType = :targetType");
            params.put("targetType", q.targetType());
        }
        if (q.targetId() != null) {
            where.append(" and targetId = :targetId");
            params.put("targetId", q.targetId());
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
            where.append(" and seq < :before");
            params.put("before", q.before());
        }
        return AuditEntry.<AuditEntry>find(where + " order by seq desc", params)
                .page(0, q.size())
                .list();
    }

    /** Recomputes the tenant's chain from the first entry and names the first one that does not fit. */
    @Transactional
    public Verification verify(String tenant) {
        String previous = AuditChain.GENESIS;
        long expected = 1;
        long count = 0;
        while (true) {
            List<AuditEntry> batch = AuditEntry.<AuditEntry>find(
                            "tenant = ?1 and seq >= ?2 order by seq", tenant, expected)
                    .page(0, VERIFY_BATCH)
                    .list();
            for (AuditEntry e : batch) {
                String reason = problem(e, expected, previous);
                if (reason != null) {
                    return new Verification(false, count, previous, new Broken(e.seq, reason));
                }
                previous = e.hash;
                expected++;
                count++;
            }
            AuditEntry.getEntityManager().clear();
            if (batch.size() < VERIFY_BATCH) {
                return new Verification(true, count, previous, null);
            }
        }
    }

    private static String problem(AuditEntry e, long expectedSeq, String previousHash) {
        if (e.seq != expectedSeq) {
            return "entry " + expectedSeq + " is missing: the chain jumps from " + (expectedSeq - 1) + " to " + e.seq;
        }
        if (!previousHash.equals(e.prevHash)) {
            return "prevHash does not match the hash of entry " + (expectedSeq - 1);
        }
        if (!AuditChain.hash(e).equals(e.hash)) {
            return "the entry's content does not match its hash: it was changed after it was written";
        }
        return null;
    }

    private String currentActor() {
        if (identity.isResolvable()) {
            try {
                SecurityIdentity current = identity.get();
                if (!current.isAnonymous()) {
                    return current.getPrincipal().getName();
                }
            } catch (RuntimeException e) {
                // no request context: a change made by Thinkwatch itself
            }
        }
        return SYSTEM;
    }

    private String json(Map<String, ?> detail) {
        try {
            return mapper.writeValueAsString(detail == null ? Map.of() : new LinkedHashMap<>(detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit details are plain values", e);
        }
    }

    /** Details without nulls, in the order given. */
    public static Map<String, Object> detail(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }
}
