package io.thinkwatch.console.ui;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.opensearch.client.opensearch._types.OpenSearchException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.review.ReviewService;
import io.thinkwatch.search.OverviewQueries;
import io.thinkwatch.search.StatsQuery;
import io.thinkwatch.search.TraceStats;
import io.thinkwatch.security.Caller;
import io.thinkwatch.security.UserRole;
import io.thinkwatch.unrecorded.UnrecordedCalls;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The overview: the last 24 hours against the 24 before, reasoning by model, top apps, findings in review by
 * severity, latest traces; above them, the calls capture forwarded without recording them in the last hour.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(UserRole.VIEWER_NAME)
public class OverviewPage {

    private static final Logger LOG = Logger.getLogger(OverviewPage.class);
    private static final Duration DAY = Duration.ofHours(24);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview();

        static native TemplateInstance summary(OverviewSummary summary, List<UnrecordedCalls.Shape> unrecorded);

        static native TemplateInstance transparency(List<TransparencyRow> rows);
    }

    private final OverviewQueries queries;
    private final ReviewService reviews;
    private final SecurityIdentity identity;
    private final ObjectMapper mapper;
    private final UnrecordedCalls unrecorded;
    private final TraceStats stats;

    public OverviewPage(
            TraceStats stats,
            OverviewQueries queries,
            ReviewService reviews,
            SecurityIdentity identity,
            ObjectMapper mapper,
            UnrecordedCalls unrecorded) {
        this.unrecorded = unrecorded;
        this.stats = stats;
        this.queries = queries;
        this.reviews = reviews;
        this.identity = identity;
        this.mapper = mapper;
    }

    /** The page shell; the numbers arrive through {@link #summary()} so the page shows at once. */
    @GET
    public TemplateInstance overview() {
        return Templates.overview();
    }

    @GET
    @Path("overview/summary")
    public Response summary() {
        String tenant = Caller.of(identity).tenant();
        Instant now = Instant.now();
        Instant dayAgo = now.minus(DAY);
        try {
            OverviewSummary summary = OverviewSummary.of(
                    queries.totals(tenant, dayAgo, now),
                    queries.totals(tenant, dayAgo.minus(DAY), dayAgo),
                    queries.reasoningByModel(tenant, dayAgo, now, Duration.ofHours(1), 5),
                    queries.topApps(tenant, dayAgo, now, 5),
                    queries.recent(tenant, 10).stream().map(RecentTrace::of).toList(),
                    reviews.inReviewBySeverity(tenant),
                    mapper);
            return Response.ok(Templates.summary(summary, unrecorded.lastHour(tenant)))
                    .build();
        } catch (IOException | OpenSearchException e) {
            LOG.warnf("Overview could not read OpenSearch: %s", e.toString());
            return ErrorPages.fragment(503, "Numbers unavailable", ErrorPages.STORE_DOWN);
        }
    }

    /**
     * The transparency tile: per model (with its provider), the share of reasoning calls that showed reasoning and the
     * characters shown per reasoning token billed, over the last 7 UTC days, with the daily share.
     */
    @GET
    @Path("overview/transparency")
    public Response transparency() {
        Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        StatsQuery query = StatsQuery.parse(
                Map.of(
                        "from", List.of(end.minus(7, ChronoUnit.DAYS).toString()),
                        "to", List.of(end.toString()),
                        "interval", List.of("1d"),
                        "groupBy", List.of("model"),
                        "top", List.of("10")),
                Instant.now());
        try {
            List<TransparencyRow> rows = stats.stats(Caller.of(identity).tenant(), query).groups().stream()
                    .filter(g -> g.metrics().transparency().reasoningCalls() > 0)
                    .map(TransparencyRow::of)
                    .toList();
            return Response.ok(Templates.transparency(rows)).build();
        } catch (IOException | OpenSearchException e) {
            LOG.warnf("Overview could not read OpenSearch: %s", e.toString());
            return ErrorPages.fragment(503, "Numbers unavailable", ErrorPages.STORE_DOWN);
        }
    }
}
