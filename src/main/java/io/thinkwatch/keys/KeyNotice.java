package io.thinkwatch.keys;

import java.security.PublicKey;

import io.thinkwatch.platform.Topics;

/**
 * One row of the compacted topic {@code thinkwatch.capture-keys}: its record key names what it is about
 * ({@code signer:<id>}, {@code revoked:<keyId>}, {@code tenant:<name>}) and its value says the latest about it.
 */
public record KeyNotice(String key, String value) {

    public static final String TOPIC = Topics.CAPTURE_KEYS;

    static final String SIGNER = "signer:";
    static final String REVOKED = "revoked:";
    static final String TENANT = "tenant:";

    /** The installation's public key, which capture trusts to sign keys. */
    public static KeyNotice signer(PublicKey key) {
        return new KeyNotice(SIGNER + SignerKeys.id(key), SignerKeys.text(key));
    }

    /** A key that no capture may accept any more. */
    public static KeyNotice revoked(String keyId) {
        return new KeyNotice(REVOKED + keyId, "revoked");
    }

    /** Whether a tenant's keys are accepted. */
    public static KeyNotice tenant(String tenant, boolean enabled) {
        return new KeyNotice(TENANT + tenant, enabled ? "enabled" : "disabled");
    }
}
