package io.thinkwatch.redaction;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The key of hash mode: HMAC-SHA256 of a secret, of which a marker shows the first 8 bytes as 16 hex digits. */
public final class HashKey {

    private final Mac prototype;

    private HashKey(byte[] key) {
        try {
            prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The key from base64 of exactly 32 bytes; throws naming {@code property} when it is not one. */
    public static HashKey fromBase64(String property, String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + " is not valid base64");
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException(property + " must be 32 bytes (base64 of 32 random bytes, e.g. `openssl"
                    + " rand -base64 32`), it has " + raw.length);
        }
        return new HashKey(raw);
    }

    /** The first 16 hex digits of HMAC-SHA256(key, secret as UTF-8). */
    String tag(CharSequence secret) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 cannot be copied", e);
        }
        byte[] digest = mac.doFinal(secret.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8);
    }

    @Override
    public String toString() {
        return "HashKey[hidden]";
    }
}
