package io.thinkwatch.security;

import java.util.List;

import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.platform.ApiException;
import io.thinkwatch.search.TracePage;
import io.thinkwatch.search.TraceQuery;

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

    /** A page of search results as this caller may see it: for a viewer, every item without captured text. */
    public static TracePage visibleTo(SecurityIdentity identity, TracePage page) {
        if (mayReadContent(identity)) {
            return page;
        }
        return new TracePage(page.total(), page.items().stream().map(ContentAccess::withoutContent).toList(),
                page.next());
    }

    /**
     * Refuses a full-text search ({@code q}) to a caller who may not read captured text: which traces match
     * a word tells what their text says.
     */
    public static void requireNoTextSearch(SecurityIdentity identity, TraceQuery query) {
        if (query.q() != null && !mayReadContent(identity)) {
            throw new ApiException(403, "forbidden", "searching captured text needs the reviewer role",
                    List.of("q: a viewer may filter by metadata only"));
        }
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
