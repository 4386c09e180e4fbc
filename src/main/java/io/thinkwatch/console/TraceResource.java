package io.thinkwatch.console;

import java.io.IOException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.errors.NotFound;
import io.thinkwatch.search.TraceQuery;
import io.thinkwatch.search.TraceResults;
import io.thinkwatch.search.TraceSearch;
import io.thinkwatch.security.Caller;
import io.thinkwatch.security.ContentAccess;
import io.thinkwatch.security.UserRole;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /api/v1/traces}: traces of the caller's tenant; captured text only for reviewers and admins. */
@Path("/api/v1/traces")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserRole.VIEWER_NAME)
public class TraceResource {

    private final TraceSearch search;
    private final SecurityIdentity identity;

    public TraceResource(TraceSearch search, SecurityIdentity identity) {
        this.search = search;
        this.identity = identity;
    }

    /**
     * Search: full text, filters, sort and {@code search_after} pages (docs/api.md). A viewer gets the items
     * without captured text, and may not search it: a full-text match would tell what the text says.
     */
    @GET
    public TraceResults search(@Context UriInfo uri) throws IOException {
        TraceQuery query = TraceQuery.parse(uri.getQueryParameters());
        if (query.q() != null) {
            ContentAccess.requireTextSearchAllowed(identity, "q");
        }
        return search.search(Caller.of(identity).tenant(), query)
                .map(trace -> ContentAccess.visibleTo(identity, trace));
    }

    @GET
    @Path("/{traceId}")
    public ObjectNode get(@PathParam("traceId") String traceId) throws IOException {
        return ContentAccess.visibleTo(
                identity,
                search.byId(Caller.of(identity).tenant(), traceId).orElseThrow(() -> new NotFound("trace " + traceId)));
    }
}
