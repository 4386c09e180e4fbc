package io.thinkwatch.keys;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.apache.commons.lang3.StringUtils;
import org.jboss.logging.Logger;

import io.thinkwatch.errors.Conflict;
import io.thinkwatch.errors.Invalid;
import io.thinkwatch.errors.NotFound;
import io.thinkwatch.search.KeyLastUse;
import io.thinkwatch.security.ApiToken;
import io.thinkwatch.security.AuditLog;
import io.thinkwatch.security.Caller;

/** Makes, lists and revokes a tenant's capture keys; every change goes to the audit log. */
@ApplicationScoped
public class CaptureKeyService {

    private static final Logger LOG = Logger.getLogger(CaptureKeyService.class);
    static final int MAX_NAME = 200;
    static final int MAX_BINDING = 100;

    private final Signer signer;
    private final AuditLog audit;
    private final Event<KeyRevoked> revoked;
    private final KeyLastUse lastUse;

    public CaptureKeyService(Signer signer, AuditLog audit, Event<KeyRevoked> revoked, KeyLastUse lastUse) {
        this.signer = signer;
        this.lastUse = lastUse;
        this.audit = audit;
        this.revoked = revoked;
    }

    @Transactional
    public List<CaptureKeyView> list(String tenant) {
        Map<String, Instant> lastUse = lastUse(tenant);
        return CaptureKey.ofTenant(tenant).stream()
                .map(k -> CaptureKeyView.of(k, lastUse.get(k.id)))
                .toList();
    }

    private Map<String, Instant> lastUse(String tenant) {
        try {
            return lastUse.of(tenant);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Capture keys listed without their last use: the trace store did not answer (%s)", e.toString());
            return Map.of();
        }
    }

    /** A new key of the caller's tenant; the answer holds the key text, which is not kept. */
    @Transactional
    public CreatedKey create(Caller by, CaptureKeyRequest request) {
        String name = StringUtils.stripToNull(request == null ? null : request.name());
        String app = StringUtils.stripToNull(request == null ? null : request.app());
        String env = StringUtils.stripToNull(request == null ? null : request.env());
        List<String> problems = new ArrayList<>();
        if (name == null) {
            problems.add("name: required");
        } else if (name.length() > MAX_NAME) {
            problems.add("name: at most " + MAX_NAME + " characters");
        }
        if (app != null && app.length() > MAX_BINDING) {
            problems.add("app: at most " + MAX_BINDING + " characters");
        }
        if (env != null && env.length() > MAX_BINDING) {
            problems.add("env: at most " + MAX_BINDING + " characters");
        }
        if (!problems.isEmpty()) {
            throw new Invalid("the capture key is not valid", problems);
        }
        if (CaptureKey.count("tenant = ?1 and name = ?2", by.tenant(), name) > 0) {
            throw new Conflict(
                    "a capture key named '" + name + "' exists already", List.of("name: '" + name + "' is taken"));
        }
        KeyClaims claims = new KeyClaims(KeyFormat.newKeyId(), by.tenant(), app, env);
        String text = signer.sign(claims);
        CaptureKey key = new CaptureKey();
        key.id = claims.keyId();
        key.tenant = by.tenant();
        key.name = name;
        key.app = app;
        key.env = env;
        key.keyHash = ApiToken.hash(text);
        key.createdBy = by.name();
        key.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        key.persist();
        audit.record(
                by.tenant(),
                "capture_key.create",
                "capture_key",
                key.id,
                AuditLog.detail("name", name, "app", app, "env", env));
        return new CreatedKey(CaptureKeyView.of(key, null), text);
    }

    /** Revokes a key of the caller's tenant; revoking it again changes nothing. */
    @Transactional
    public CaptureKeyView revoke(Caller by, String id) {
        CaptureKey key = CaptureKey.<CaptureKey>findByIdOptional(id)
                .filter(k -> k.tenant.equals(by.tenant()))
                .orElseThrow(() -> new NotFound("capture key " + id));
        if (key.revokedAt == null) {
            key.revokedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            key.revokedBy = by.name();
            key.published = false;
            audit.record(by.tenant(), "capture_key.revoke", "capture_key", key.id, AuditLog.detail("name", key.name));
            revoked.fire(new KeyRevoked(key.id));
        }
        return CaptureKeyView.of(key, lastUse(by.tenant()).get(key.id));
    }

    /** The public key that capture instances pin to check keys. */
    public String signerPublicKey() {
        return signer.current().publicKey;
    }
}
