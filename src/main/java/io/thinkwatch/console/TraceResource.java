package io.thinkwatch.console;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.errors.Invalid;
import io.thinkwatch.errors.NotFound;
import io.thinkwatch.search.TextField;
import io.thinkwatch.search.TraceExport;
import io.thinkwatch.search.TraceQuery;
import io.thinkwatch.search.TraceResults;
import io.thinkwatch.search.TraceSearch;
import io.thinkwatch.security.Caller;
import io.thinkwatch.security.ContentAccess;
import io.thinkwatch.security.SearchedText;
import io.thinkwatch.security.TextShown;
import io.thinkwatch.security.TraceReads;
import io.thinkwatch.security.UserRole;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/traces}: traces of the caller's tenant; captured text only for reviewers and admins, and every
 * answer that shows it audited as a {@code trace.read} (an export as a {@code trace.export}).
 */
@Path("/api/v1/traces")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserRole.VIEWER_NAME)
public class TraceResource {

    /** The media type of an export: one JSON trace per line. */
    public static final String NDJSON = "application/x-ndjson";

    private final TraceSearch search;
    private final TraceExport export;
    private final TraceReads reads;
    private final SecurityIdentity identity;
    private final ObjectMapper mapper;
    private final long maxExport;

    public TraceResource(
            TraceSearch search,
            TraceExport export,
            TraceReads reads,
            SecurityIdentity identity,
            ObjectMapper mapper,
            @ConfigProperty(name = "thinkwatch.console.export.max-traces", defaultValue = "100000") long maxExport) {
        this.search = search;
        this.export = export;
        this.reads = reads;
        this.identity = identity;
        this.mapper = mapper;
        this.maxExport = maxExport;
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
        TraceResults page = search.search(tenant(), query).map(trace -> ContentAccess.visibleTo(identity, trace));
        if (ContentAccess.mayReadContent(identity)) {
            reads.read(tenant(), "api.search", TextShown.of(page.items()), searched(query, page.total()));
        }
        return page;
    }

    @GET
    @Path("/{traceId}")
    public ObjectNode get(@PathParam("traceId") String traceId) throws IOException {
        ObjectNode trace = ContentAccess.visibleTo(
                identity, search.byId(tenant(), traceId).orElseThrow(() -> new NotFound("trace " + traceId)));
        if (ContentAccess.mayReadContent(identity)) {
            reads.read(tenant(), "api.trace", TextShown.of(List.of(trace)), null);
        }
        return trace;
    }

    /**
     * Every trace the search's filters match, as NDJSON, in the search's sort, read page by page while it is sent.
     * Audited before the first line; for a reviewer or admin each page's traces are recorded as read just before
     * the page is sent.
     */
    @GET
    @Path("/export")
    @Produces(NDJSON)
    public Response export(@Context UriInfo uri) throws IOException {
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        for (String paging : List.of("size", "after")) {
            if (params.containsKey(paging)) {
                throw new Invalid(
                        "invalid export parameters",
                        List.of(paging + ": an export sends every matching trace; it takes the filters only"));
            }
        }
        TraceQuery query = TraceQuery.parse(params);
        if (query.q() != null) {
            ContentAccess.requireTextSearchAllowed(identity, "q");
        }
        String tenant = tenant();
        TraceExport.Pages pages = export.open(tenant, query);
        if (pages.total() > maxExport) {
            throw new Invalid(
                    "export too large",
                    List.of("the filters match " + pages.total() + " traces, more than one export may hold ("
                            + maxExport + "); narrow them, for example with from and to"));
        }
        boolean content = ContentAccess.mayReadContent(identity);
        TraceReads.Export audited = reads.export(tenant, exportDetail(params, query, content, pages.total()));
        StreamingOutput body = out -> send(pages, audited, content, out);
        return Response.ok(body, NDJSON)
                .header("Content-Disposition", "attachment; filename=\"traces.ndjson\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    private void send(TraceExport.Pages pages, TraceReads.Export audited, boolean content, OutputStream out)
            throws IOException {
        long sent = 0;
        for (List<ObjectNode> page = pages.next(); !page.isEmpty() && sent < maxExport; page = pages.next()) {
            List<ObjectNode> shown = page.stream()
                    .limit(maxExport - sent)
                    .map(trace -> content ? trace : ContentAccess.withoutContent(trace))
                    .toList();
            if (content) {
                reads.exported(audited, TextShown.of(shown));
            }
            for (ObjectNode trace : shown) {
                out.write(mapper.writeValueAsBytes(trace));
                out.write('\n');
            }
            out.flush();
            sent += shown.size();
        }
    }

    /** The filters as given, the query as its hash, whether text was included and how many traces matched. */
    private static Map<String, Object> exportDetail(
            MultivaluedMap<String, String> params, TraceQuery query, boolean content, long matched) {
        Map<String, Object> filters = new TreeMap<>();
        params.forEach((name, values) -> {
            if (!name.equals("q")) {
                filters.put(name, values.size() == 1 ? values.get(0) : values);
            }
        });
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("filters", filters);
        SearchedText searched = searched(query, matched);
        if (searched != null) {
            detail.put("query", searched.detail());
        }
        detail.put("content", content);
        detail.put("matched", matched);
        return detail;
    }

    /** The full-text part of a search as audited, null without {@code q}. */
    public static SearchedText searched(TraceQuery query, long matched) {
        return query.q() == null
                ? null
                : SearchedText.of(
                        query.q(),
                        query.in().stream().map(TextField::wire).sorted().toList(),
                        matched);
    }

    private String tenant() {
        return Caller.of(identity).tenant();
    }
}
