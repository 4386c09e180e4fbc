package io.thinkwatch.console.ui;

import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.opensearch.client.opensearch._types.OpenSearchException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.console.ErrorMappers;
import io.thinkwatch.console.TraceResource;
import io.thinkwatch.errors.DomainException;
import io.thinkwatch.review.FindingView;
import io.thinkwatch.review.ReviewService;
import io.thinkwatch.search.TraceQuery;
import io.thinkwatch.search.TraceResults;
import io.thinkwatch.search.TraceSearch;
import io.thinkwatch.security.Caller;
import io.thinkwatch.security.ContentAccess;
import io.thinkwatch.security.TextShown;
import io.thinkwatch.security.TraceReads;
import io.thinkwatch.security.UserRole;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The traces: a search page whose URL holds the search ({@code /traces?...}, results loaded as a fragment so the
 * page shows at once), and one trace with what was asked, answered and reasoned, where the budget went,
 * timings, attribution, findings and the raw JSON.
 */
@Path("/traces")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(UserRole.VIEWER_NAME)
public class TracePage {

    private static final Logger LOG = Logger.getLogger(TracePage.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance trace(
                TraceView trace,
                List<FindingView> findings,
                List<VerdictView> verdicts,
                List<ReasoningMarks.Piece> reasoning);

        static native TemplateInstance traces(TraceSearchForm form, boolean textDropped);

        static native TemplateInstance results(TraceSearchForm form, long total, List<TraceRow> rows, String next);
    }

    static final int PAGE_SIZE = 50;

    private static final NavigableSet<String> ANSWER =
            Collections.unmodifiableNavigableSet(new TreeSet<>(List.of("answer")));

    private final TraceSearch search;
    private final ReviewService reviews;
    private final SecurityIdentity identity;
    private final ObjectMapper mapper;
    private final TraceReads reads;
    private final Optional<String> appTraceUrl;

    public TracePage(
            TraceSearch search,
            ReviewService reviews,
            SecurityIdentity identity,
            ObjectMapper mapper,
            TraceReads reads,
            @ConfigProperty(name = "thinkwatch.console.app-trace-url") Optional<String> appTraceUrl) {
        this.appTraceUrl = appTraceUrl;
        this.search = search;
        this.reviews = reviews;
        this.identity = identity;
        this.mapper = mapper;
        this.reads = reads;
    }

    /** The search page: the form as the URL says, and a place the results load into. */
    @GET
    public TemplateInstance traces(@Context UriInfo uri) {
        TraceSearchForm form = form(uri);
        return Templates.traces(
                ContentAccess.mayReadContent(identity) ? form : form.withoutText(),
                form.q() != null && !ContentAccess.mayReadContent(identity));
    }

    /** The results of the search in the query string, as a fragment; problems in words, with their status. */
    @GET
    @Path("/results")
    public Response results(@Context UriInfo uri) {
        TraceSearchForm form = form(uri);
        if (!ContentAccess.mayReadContent(identity)) {
            form = form.withoutText();
        }
        try {
            TraceQuery query = TraceQuery.parse(form.apiParameters(Instant.now(), PAGE_SIZE));
            TraceResults page = search.search(Caller.of(identity).tenant(), query)
                    .map(trace -> ContentAccess.visibleTo(identity, trace));
            List<TraceRow> rows = page.items().stream().map(TraceRow::of).toList();
            if (ContentAccess.mayReadContent(identity)) {
                // The rows show the start of each answer: that is the text this page reads
                List<String> shown = rows.stream()
                        .filter(r -> r.answer() != null)
                        .map(TraceRow::traceId)
                        .toList();
                reads.read(
                        Caller.of(identity).tenant(),
                        "console.search",
                        TextShown.same(shown, ANSWER),
                        TraceResource.searched(query, page.total()));
            }
            return Response.ok(Templates.results(form, page.total(), rows, page.next()))
                    .header("Cache-Control", "no-store")
                    .build();
        } catch (DomainException e) {
            return ErrorPages.fragment(
                    ErrorMappers.status(e),
                    "This search cannot run",
                    String.join("; ", e.details()) + ". Change the fields named and search again.");
        } catch (IOException | OpenSearchException e) {
            LOG.warnf("Trace search could not read OpenSearch: %s", e.toString());
            return ErrorPages.fragment(503, "Traces unavailable", ErrorPages.STORE_DOWN);
        }
    }

    private static TraceSearchForm form(UriInfo uri) {
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        return TraceSearchForm.of(params::getFirst);
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
            return ErrorPages.page(
                    404,
                    "No such trace",
                    "No trace with the id " + traceId + " exists in your tenant. "
                            + "A trace appears here a second or two after its call completes.");
        }
        ObjectNode shown = ContentAccess.visibleTo(identity, found.get());
        TraceView view = TraceView.of(shown, mapper, appTraceUrl.orElse(null));
        if (ContentAccess.mayReadContent(identity)) {
            reads.read(Caller.of(identity).tenant(), "console.trace", TextShown.of(List.of(shown)), null);
        }
        List<FindingView> findings = reviews.forTrace(Caller.of(identity).tenant(), traceId);
        List<FindingView> judged =
                findings.stream().filter(f -> f.finding().verdict() != null).toList();
        String reasoning = ContentAccess.mayReadContent(identity) ? view.reasoningText() : null;
        List<VerdictView> verdicts =
                judged.stream().map(f -> VerdictView.of(f, reasoning, mapper)).toList();
        List<ReasoningMarks.Piece> pieces = ReasoningMarks.of(
                reasoning,
                judged.stream().flatMap(f -> VerdictView.evidence(f).stream()).toList());
        // Captured text must not linger in shared caches or the browser's back-forward cache.
        return Response.ok(Templates.trace(view, findings, verdicts, pieces))
                .header("Cache-Control", "no-store")
                .build();
    }
}
