package io.thinkwatch.console.ui;

import java.io.IOException;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.search.TraceSearch;
import io.thinkwatch.security.Caller;
import io.thinkwatch.security.ContentAccess;
import io.thinkwatch.security.UserRole;

import org.jboss.logging.Logger;
import org.opensearch.client.opensearch._types.OpenSearchException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One trace: what was asked, answered and reasoned, where the budget went, timings, attribution, raw JSON. */
@Path("/traces")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(UserRole.VIEWER_NAME)
public class TracePage {

    private static final Logger LOG = Logger.getLogger(TracePage.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance trace(TraceView trace);
    }

    private final TraceSearch search;
    private final SecurityIdentity identity;
    private final ObjectMapper mapper;

    public TracePage(TraceSearch search, SecurityIdentity identity, ObjectMapper mapper) {
        this.search = search;
        this.identity = identity;
        this.mapper = mapper;
    }

    @GET
    @Path("/{traceId}")
    public Response trace(@PathParam("traceId") String traceId) {
        Optional<ObjectNode> found;
        try {
            found = search.byId(Caller.of(identity).tenant(), traceId);
        } catch (IOException | OpenSearchException e) {
            LOG.warnf("Trace page could not read OpenSearch: %s", e.toString());
            return ErrorPages.page(503, "Trace unavailable", ErrorPages.STORE_DOWN);
        }
        if (found.isEmpty()) {
            return ErrorPages.page(404, "No such trace", "No trace with the id " + traceId + " exists in your tenant. "
                    + "A trace appears here a second or two after its call completes.");
        }
        TraceView view = TraceView.of(ContentAccess.visibleTo(identity, found.get()), mapper);
        // Captured text must not linger in shared caches or the browser's back-forward cache.
        return Response.ok(Templates.trace(view)).header("Cache-Control", "no-store").build();
    }
}
