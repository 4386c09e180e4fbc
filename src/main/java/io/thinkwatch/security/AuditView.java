package io.thinkwatch.security;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An audit entry as {@code GET /api/v1/audit} shows it, with the hashes that chain it to its neighbours. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditView(
        long seq,
        Instant at,
        String actor,
        String action,
        String targetType,
        String targetId,
        JsonNode detail,
        String prevHash,
        String hash,
        String keyId) {

    /** One page, newest first; {@code next} is the {@code before} of the following page, null on the last. */
    public record Page(List<AuditView> items, Long next) {}

    public static AuditView of(AuditEntry e, ObjectMapper mapper) {
        JsonNode detail;
        try {
            detail = mapper.readTree(e.detail);
        } catch (java.io.IOException ex) {
            detail = mapper.getNodeFactory().textNode(e.detail);
        }
        return new AuditView(
                e.seq, e.at, e.actor, e.action, e.targetType, e.targetId, detail, e.prevHash, e.hash, e.keyId);
    }

    /** A page of entries fetched with the query's size. */
    public static Page page(List<AuditEntry> entries, AuditQuery query, ObjectMapper mapper) {
        List<AuditView> items = entries.stream().map(e -> of(e, mapper)).toList();
        Long next = entries.size() == query.size() && entries.get(entries.size() - 1).seq > 1
                ? entries.get(entries.size() - 1).seq
                : null;
        return new Page(items, next);
    }
}
