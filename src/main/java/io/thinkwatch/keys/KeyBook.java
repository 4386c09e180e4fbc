package io.thinkwatch.keys;

import java.security.PublicKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * What a capture instance knows of keys: the signers it trusts (pinned in configuration or read from the topic),
 * the revoked keys and the disabled tenants. Read by every call, written by one follower thread ({@link #apply}).
 */
public final class KeyBook {

    private static final Logger LOG = Logger.getLogger(KeyBook.class);
    private static final int MAX_VERIFIED = 10_000;

    /** What a call's key header amounts to. */
    public sealed interface Check {}

    /** The call presented no key. */
    public record Absent() implements Check {}

    /** A key this capture accepts. */
    public record Valid(KeyClaims claims) implements Check {}

    /** A key refused, with the answer to give; the message never repeats the key. */
    public record Refused(int status, String code, String message) implements Check {}

    /** Everything learnt from the topic; kept on disk by {@link KeyBookFile}. */
    public record State(Map<String, String> signers, Set<String> revoked, Set<String> disabledTenants) {

        public static State empty() {
            return new State(Map.of(), Set.of(), Set.of());
        }
    }

    private final List<PublicKey> pinned;
    private final Map<String, KeyClaims> verified = new ConcurrentHashMap<>();
    private volatile State state;
    private volatile List<PublicKey> trusted;

    public KeyBook(List<PublicKey> pinned, State initial) {
        this.pinned = List.copyOf(pinned);
        use(initial);
    }

    public State state() {
        return state;
    }

    /** Whether any signer is known, so that a key can be checked at all. */
    public boolean knowsSigner() {
        return !trusted.isEmpty();
    }

    /** Checks the values of a call's key header (none, one, or several). */
    public Check check(List<String> values) {
        if (values.isEmpty()) {
            return new Absent();
        }
        if (values.size() > 1 || values.get(0).indexOf(',') >= 0) {
            return invalid("more than one key was sent; send exactly one");
        }
        String text = values.get(0).strip();
        KeyClaims claims = verified.get(text);
        if (claims == null) {
            KeyFormat.Decoded decoded = KeyFormat.decode(text);
            if (decoded instanceof KeyFormat.Malformed malformed) {
                return invalid(malformed.reason());
            }
            KeyFormat.Parsed parsed = (KeyFormat.Parsed) decoded;
            List<PublicKey> signers = trusted;
            if (signers.isEmpty()) {
                return new Refused(
                        503,
                        "thinkwatch_keys_unknown",
                        "this capture does not know the installation's signer yet, so it cannot check keys;"
                                + " pin it in thinkwatch.capture.keys.signers or let capture reach Kafka");
            }
            if (signers.stream().noneMatch(parsed::verifiedBy)) {
                return invalid("the key was not made by this installation");
            }
            claims = parsed.claims();
            if (verified.size() >= MAX_VERIFIED) {
                verified.clear();
            }
            verified.put(text, claims);
        }
        State now = state;
        if (now.revoked().contains(claims.keyId())) {
            return invalid("the key was revoked");
        }
        if (now.disabledTenants().contains(claims.tenant())) {
            return invalid("the key's tenant is disabled");
        }
        return new Valid(claims);
    }

    private static Refused invalid(String why) {
        return new Refused(401, "thinkwatch_key_invalid", "X-Thinkwatch-Key: " + why);
    }

    /** Applies one topic row; returns whether anything changed. */
    public boolean apply(String key, String value) {
        if (key == null || value == null) {
            return false;
        }
        State now = state;
        Map<String, String> signers = new HashMap<>(now.signers());
        Set<String> revoked = new HashSet<>(now.revoked());
        Set<String> disabled = new HashSet<>(now.disabledTenants());
        boolean changed;
        if (key.startsWith(KeyNotice.SIGNER)) {
            try {
                SignerKeys.publicKey(value);
            } catch (IllegalArgumentException e) {
                LOG.warnf("Ignored signer %s on %s: %s", key, KeyNotice.TOPIC, e.getMessage());
                return false;
            }
            changed = !value.equals(signers.put(key.substring(KeyNotice.SIGNER.length()), value));
        } else if (key.startsWith(KeyNotice.REVOKED)) {
            changed = revoked.add(key.substring(KeyNotice.REVOKED.length()));
        } else if (key.startsWith(KeyNotice.TENANT)) {
            String tenant = key.substring(KeyNotice.TENANT.length());
            changed = "disabled".equals(value) ? disabled.add(tenant) : disabled.remove(tenant);
        } else {
            return false;
        }
        if (changed) {
            use(new State(Map.copyOf(signers), Set.copyOf(revoked), Set.copyOf(disabled)));
        }
        return changed;
    }

    private void use(State next) {
        trusted = Stream.concat(
                        pinned.stream(), next.signers().values().stream().map(SignerKeys::publicKey))
                .distinct()
                .toList();
        state = next;
    }
}
