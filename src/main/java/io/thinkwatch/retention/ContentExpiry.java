package io.thinkwatch.retention;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.thinkwatch.security.ContentAccess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What expiring a trace's text means, and which traces the holds keep; pure, so it is tested without OpenSearch. */
final class ContentExpiry {

    /** The field a stored trace gets when its text expired: when it did. */
    static final String EXPIRED_AT = "contentExpiredAt";

    /**
     * What the active holds keep: traces by id, and every trace of an app (tenant to app names).
     *
     * @param traceIds the traces held by id (a trace id is unique across tenants)
     * @param apps per tenant, the apps held whole
     */
    record Held(Set<String> traceIds, Map<String, Set<String>> apps) {

        static Held of(Iterable<LegalHold> active) {
            Set<String> traceIds = new HashSet<>();
            Map<String, Set<String>> apps = new HashMap<>();
            for (LegalHold hold : active) {
                if (hold.kind == HoldKind.APP) {
                    apps.computeIfAbsent(hold.tenant, t -> new HashSet<>()).add(hold.target);
                } else {
                    traceIds.addAll(hold.traceIds);
                }
            }
            return new Held(Set.copyOf(traceIds), Map.copyOf(apps));
        }

        boolean keeps(JsonNode trace) {
            if (traceIds.contains(trace.path("traceId").asText())) {
                return true;
            }
            Set<String> held = apps.get(trace.path("tenant").asText());
            return held != null && held.contains(trace.path("app").asText());
        }
    }

    private ContentExpiry() {}

    /**
     * The stored trace without its captured text (the fields {@link ContentAccess} calls content, top level and in
     * {@code request}), marked with when it expired; every other field is kept as it was. The original is not
     * changed.
     */
    static ObjectNode withoutText(ObjectNode trace, Instant at) {
        ObjectNode copy = trace.deepCopy();
        copy.remove(ContentAccess.CONTENT);
        if (copy.get("request") instanceof ObjectNode request) {
            request.remove(ContentAccess.REQUEST_CONTENT);
        }
        ContentAccess.removeToolArguments(copy);
        copy.put(EXPIRED_AT, at.toString());
        return copy;
    }
}
