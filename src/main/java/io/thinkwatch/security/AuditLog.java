package io.thinkwatch.security;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;

import io.quarkus.security.identity.SecurityIdentity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The tenant-scoped, tamper-evident audit log: who changed what, when. Entries are written in the transaction
 * of the change they record (so a rolled-back change leaves no entry), one tenant at a time under a PostgreSQL
 * advisory lock, each chained to the previous by {@link AuditChain} under the current {@link AuditKey}.
 */
@ApplicationScoped
public class AuditLog {

    /** Actor of changes made by Thinkwatch itself, e.g. the first admin. */
    public static final String SYSTEM = "thinkwatch";

    private static final int VERIFY_BATCH = 1000;

    private final ObjectMapper mapper;
    private final Instance<SecurityIdentity> identity;
    private final AuditKeys keys;

    public AuditLog(ObjectMapper mapper, Instance<SecurityIdentity> identity, AuditKeys keys) {
        this.mapper = mapper;
        this.identity = identity;
        this.keys = keys;
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
        AuditKey key = keys.current();
        entry.keyId = key.id();
        entry.hash = key.link(entry);
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

    /**
     * Recomputes the tenant's chain from the first entry with the configured keys, compares it with the tenant's
     * checkpoints (kept outside PostgreSQL), and names the first entry that does not fit and the kind of tampering.
     */
    @Transactional
    public ChainVerification verify(String tenant, List<AuditCheckpoint> checkpoints) {
        ChainCheck check = ChainCheck.fromGenesis(keys, checkpoints);
        walk(tenant, 1, check);
        return check.result();
    }

    /**
     * For each tenant whose chain grew past its latest checkpoint ({@code latest}, empty when it has none), the newest
     * entry if every entry since that checkpoint verifies, else why not.
     */
    @Transactional
    public List<ChainGrowth> grown(Function<String, Optional<AuditCheckpoint>> latest) {
        List<ChainGrowth> grown = new ArrayList<>();
        for (String tenant : tenants()) {
            Optional<AuditCheckpoint> checkpoint = latest.apply(tenant);
            AuditEntry newest =
                    AuditEntry.find("tenant = ?1 order by seq desc", tenant).firstResult();
            if (newest == null
                    || (checkpoint.isPresent() && newest.seq <= checkpoint.get().seq())) {
                continue;
            }
            ChainCheck check = checkpoint
                    .map(c -> ChainCheck.from(c, keys))
                    .orElseGet(() -> ChainCheck.fromGenesis(keys, List.of()));
            walk(tenant, checkpoint.map(AuditCheckpoint::seq).orElse(1L), check);
            // Entries appended meanwhile are walked too: the head is then newer than the one asked about.
            Optional<ChainGrowth.Head> head = check.head(tenant).filter(h -> h.seq() >= newest.seq);
            if (head.isPresent()) {
                grown.add(head.get());
            } else {
                grown.add(new ChainGrowth.Refused(tenant, why(check.result())));
            }
        }
        return grown;
    }

    private static String why(ChainVerification result) {
        if (result.firstBroken() != null) {
            return result.firstBroken().kind().wire() + " at entry "
                    + result.firstBroken().seq() + ": " + result.firstBroken().reason();
        }
        if (result.unverified() != null) {
            return result.unverified().reason();
        }
        return "the chain changed while it was read";
    }

    /** Feeds the tenant's entries from {@code fromSeq} on, in order and in batches, until the check has its answer. */
    private static void walk(String tenant, long fromSeq, ChainCheck check) {
        long next = fromSeq;
        while (true) {
            List<AuditEntry> batch = AuditEntry.<AuditEntry>find("tenant = ?1 and seq >= ?2 order by seq", tenant, next)
                    .page(0, VERIFY_BATCH)
                    .list();
            for (AuditEntry e : batch) {
                if (!check.accept(e)) {
                    AuditEntry.getEntityManager().clear();
                    return;
                }
                next = e.seq + 1;
            }
            AuditEntry.getEntityManager().clear();
            if (batch.size() < VERIFY_BATCH) {
                return;
            }
        }
    }

    /**
     * Every tenant with audit entries, found by skipping through the {@code (tenant, seq)} index one tenant at a time
     * (a recursive query: PostgreSQL has no skip scan), so it costs a few index probes per tenant, not a table scan.
     */
    @SuppressWarnings("unchecked")
    private static List<String> tenants() {
        return AuditEntry.getEntityManager()
                .createNativeQuery("with recursive t(name) as ("
                        + " select min(tenant) from audit_entry"
                        + " union all"
                        + " select (select min(tenant) from audit_entry where tenant > t.name) from t where t.name is not null)"
                        + " select name from t where name is not null")
                .getResultList();
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
