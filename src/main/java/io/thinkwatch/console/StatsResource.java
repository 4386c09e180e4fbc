package io.thinkwatch.console;

import java.io.IOException;
import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.search.StatsQuery;
import io.thinkwatch.search.StatsReport;
import io.thinkwatch.search.TraceStats;
import io.thinkwatch.security.Caller;
import io.thinkwatch.security.UserRole;

/** {@code /api/v1/stats}: time series and breakdowns of the caller's tenant's traces. */
@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserRole.VIEWER_NAME)
public class StatsResource {

    private final TraceStats stats;
    private final SecurityIdentity identity;

    public StatsResource(TraceStats stats, SecurityIdentity identity) {
        this.stats = stats;
        this.identity = identity;
    }

    @GET
    public StatsReport get(@Context UriInfo uri) throws IOException {
        StatsQuery query = StatsQuery.parse(uri.getQueryParameters(), Instant.now());
        return stats.stats(Caller.of(identity).tenant(), query);
    }
}
