package io.thinkwatch.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash of an audit entry: SHA-256 over the previous entry's hash and every field of this one, each field
 * length-prefixed so that no two different entries encode alike. A changed, inserted or deleted row changes a
 * hash that a later row (or the verification) depends on.
 */
public final class AuditChain {

    /** The previous hash of a tenant's first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    public static String hash(
            String prevHash,
            String tenant,
            long seq,
            Instant at,
            String actor,
            String action,
            String targetType,
            String targetId,
            String detail) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        for (String field : new String[] {
            prevHash, tenant, Long.toString(seq), at.toString(), actor, action, targetType, targetId, detail
        }) {
            if (field == null) {
                sha.update((byte) 0);
            } else {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                sha.update((byte) 1);
                sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(bytes);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    public static String hash(AuditEntry e) {
        return hash(e.prevHash, e.tenant, e.seq, e.at, e.actor, e.action, e.targetType, e.targetId, e.detail);
    }
}
