package io.thinkwatch.security;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of the audit chain: the current one links new entries, previous ones still verify the entries they
 * linked. Built from {@code thinkwatch.audit.chain.key} and {@code .previous-keys}, each base64 of 32 random bytes.
 */
public final class AuditKeys {

    static final String KEY = "thinkwatch.audit.chain.key";
    static final String PREVIOUS = "thinkwatch.audit.chain.previous-keys";

    private final AuditKey current;
    private final Map<String, AuditKey> byId;

    private AuditKeys(AuditKey current, Map<String, AuditKey> byId) {
        this.current = current;
        this.byId = byId;
    }

    /** The keys for a current base64 key and any previous ones; throws naming the property that is wrong. */
    public static AuditKeys of(String currentBase64, List<String> previousBase64) {
        AuditKey current = new AuditKey(decode(KEY, currentBase64));
        Map<String, AuditKey> byId = new LinkedHashMap<>();
        byId.put(current.id(), current);
        for (String previous : previousBase64) {
            if (previous.isBlank()) {
                continue;
            }
            AuditKey key = new AuditKey(decode(PREVIOUS, previous));
            if (byId.putIfAbsent(key.id(), key) != null) {
                throw new IllegalStateException(
                        PREVIOUS + " repeats key " + key.id() + " (or holds the current key): list each key once");
            }
        }
        return new AuditKeys(current, Map.copyOf(byId));
    }

    /** The key that links new entries. */
    public AuditKey current() {
        return current;
    }

    /** The configured key with this id; empty for an unknown id and for {@link AuditChain#LEGACY}. */
    public Optional<AuditKey> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Ids of every configured key, the current one first. */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        ids.add(current.id());
        byId.keySet().stream().filter(id -> !id.equals(current.id())).sorted().forEach(ids::add);
        return List.copyOf(ids);
    }

    private static byte[] decode(String property, String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not valid base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException(
                    property + " must be 32 bytes (base64 of 32 random bytes, e.g. `openssl rand"
                            + " -base64 32`), it has " + raw.length);
        }
        return raw;
    }
}
