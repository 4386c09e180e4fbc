package io.thinkwatch.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * The link of an audit entry: a hash over the previous entry's hash and every field of this one, each field
 * length-prefixed so that no two different entries encode alike. A changed, inserted or deleted row changes a
 * link that a later row (or the verification) depends on. New entries are linked with HMAC-SHA256 under a key kept
 * outside PostgreSQL ({@link AuditKey}); entries written before keyed links carry {@link #LEGACY} and plain SHA-256.
 */
public final class AuditChain {

    /** The previous hash of a tenant's first entry. */
    public static final String GENESIS = "0".repeat(64);

    /** Key id of entries linked with plain SHA-256, written before links were keyed (migration V28). */
    public static final String LEGACY = "sha256";

    private AuditChain() {}

    /** Plain SHA-256 over the encoded fields: the link of {@link #LEGACY} entries. */
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
        encode(sha::update, prevHash, tenant, seq, at, actor, action, targetType, targetId, detail);
        return HexFormat.of().formatHex(sha.digest());
    }

    public static String hash(AuditEntry e) {
        return hash(e.prevHash, e.tenant, e.seq, e.at, e.actor, e.action, e.targetType, e.targetId, e.detail);
    }

    /** Feeds the fields, each length-prefixed (null distinct from empty), to {@code sink}. */
    static void encode(
            Consumer<byte[]> sink,
            String prevHash,
            String tenant,
            long seq,
            Instant at,
            String actor,
            String action,
            String targetType,
            String targetId,
            String detail) {
        for (String field : new String[] {
            prevHash, tenant, Long.toString(seq), at.toString(), actor, action, targetType, targetId, detail
        }) {
            if (field == null) {
                sink.accept(new byte[] {0});
            } else {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                sink.accept(new byte[] {1});
                sink.accept(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sink.accept(new byte[] {':'});
                sink.accept(bytes);
            }
        }
    }

    static void encode(Consumer<byte[]> sink, AuditEntry e) {
        encode(sink, e.prevHash, e.tenant, e.seq, e.at, e.actor, e.action, e.targetType, e.targetId, e.detail);
    }
}
