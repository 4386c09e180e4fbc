package io.thinkwatch.security;

import java.util.List;

import io.quarkus.security.identity.SecurityIdentity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Who may read captured text. Every role sees a trace's metadata; prompts, answers and visible reasoning
 * only from the reviewer role up. A viewer gets the trace with those fields removed.
 */
public final class ContentAccess {

    /** Top-level fields of a stored trace that hold captured text. */
    static final List<String> CONTENT_FIELDS = List.of("answer", "reasoningText");
    /** Fields of {@code request} that hold captured text. */
    static final List<String> REQUEST_CONTENT_FIELDS = List.of("messages", "input");

    private ContentAccess() {
    }

    public static boolean mayReadContent(SecurityIdentity identity) {
        return identity.hasRole(UserRole.REVIEWER_NAME);
    }

    /** The trace as this caller may see it: unchanged for a reviewer or admin, without captured text otherwise. */
    public static ObjectNode visibleTo(SecurityIdentity identity, ObjectNode trace) {
        return mayReadContent(identity) ? trace : withoutContent(trace);
    }

    /** A copy of the trace without its captured text; the original is left as it was. */
    public static ObjectNode withoutContent(ObjectNode trace) {
        ObjectNode copy = trace.deepCopy();
        copy.remove(CONTENT_FIELDS);
        JsonNode request = copy.get("request");
        if (request instanceof ObjectNode requestObject) {
            requestObject.remove(REQUEST_CONTENT_FIELDS);
        }
        return copy;
    }
}
