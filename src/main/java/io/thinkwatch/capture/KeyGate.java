package io.thinkwatch.capture;

import java.util.ArrayList;
import java.util.List;

import io.thinkwatch.keys.KeyBook;
import io.thinkwatch.keys.KeyClaims;
import io.vertx.core.MultiMap;

/**
 * Decides whose call it is from its capture key: the key's tenant (and app and environment), the default tenant
 * for a call without a key where keys are not required, or a refusal to answer instead of forwarding.
 */
final class KeyGate {

    /** What capture does with a call. */
    sealed interface Outcome {}

    /** Record the call in {@code tenant}; {@code claims} is null for a call without a key. */
    record Admitted(String tenant, KeyClaims claims) implements Outcome {}

    /** Answer with this error and forward nothing. */
    record Refused(int status, String code, String message) implements Outcome {}

    private final KeyBook book;
    private final boolean required;
    private final String defaultTenant;
    private final CaptureMetrics metrics;

    KeyGate(KeyBook book, boolean required, String defaultTenant, CaptureMetrics metrics) {
        this.book = book;
        this.required = required;
        this.defaultTenant = defaultTenant;
        this.metrics = metrics;
    }

    /** Checks a call's key; {@code bearerToo} also takes {@code Authorization: Bearer twk_...} (ingest only). */
    Outcome admit(MultiMap headers, boolean bearerToo) {
        List<String> keys = headers.getAll(Attributions.KEY);
        if (bearerToo) {
            String authorization = headers.get("authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                keys = new ArrayList<>(keys);
                keys.add(authorization.substring(7).strip());
            }
        }
        Outcome outcome = outcome(book.check(keys), headers.get(Attributions.APP));
        if (outcome instanceof Refused refused) {
            metrics.keyRefused(refused.code());
        }
        return outcome;
    }

    private Outcome outcome(KeyBook.Check check, String claimedApp) {
        if (check instanceof KeyBook.Refused refused) {
            return new Refused(refused.status(), refused.code(), refused.message());
        }
        if (check instanceof KeyBook.Valid valid) {
            KeyClaims claims = valid.claims();
            if (claims.app() != null && claimedApp != null && !claims.app().equals(claimedApp)) {
                return new Refused(
                        403,
                        "thinkwatch_key_wrong_app",
                        "this capture key is bound to another app than the X-Thinkwatch-App header names; send the"
                                + " header of the key's app, or leave it out");
            }
            return new Admitted(claims.tenant(), claims);
        }
        if (required) {
            return new Refused(
                    401,
                    "thinkwatch_key_required",
                    "this capture records only calls with a capture key: send it in X-Thinkwatch-Key"
                            + " (thinkwatch.capture.require-key is on)");
        }
        return new Admitted(defaultTenant, null);
    }
}
