package io.thinkwatch.security;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One key of the audit chain: links entries with HMAC-SHA256 over {@link AuditChain}'s encoding. Its id, the first 8
 * hex digits of the SHA-256 of the key, is stored with every entry it linked so that verification picks the right
 * key after a rotation; the id tells nothing usable about the key.
 */
public final class AuditKey {

    private final String id;
    private final SecretKeySpec secret;

    AuditKey(byte[] raw) {
        this.id = idOf(raw);
        this.secret = new SecretKeySpec(raw, "HmacSHA256");
    }

    /** The short id stored with each entry this key linked. */
    public String id() {
        return id;
    }

    /** The HMAC-SHA256 link of the entry's fields and previous hash, as 64 lower-case hex digits. */
    public String link(AuditEntry e) {
        Mac mac;
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
        } catch (NoSuchAlgorithmException | InvalidKeyException failure) {
            throw new IllegalStateException("every Java has HmacSHA256 and takes a 32-byte key", failure);
        }
        AuditChain.encode(mac::update, e);
        return HexFormat.of().formatHex(mac.doFinal());
    }

    static String idOf(byte[] raw) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(raw))
                    .substring(0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "AuditKey[" + id + "]";
    }
}
