package io.thinkwatch.console;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.retention.HoldRequest;
import io.thinkwatch.retention.HoldView;
import io.thinkwatch.retention.LegalHoldService;
import io.thinkwatch.security.Caller;
import io.thinkwatch.security.UserRole;

/** {@code /api/v1/holds}: the legal holds of the caller's tenant, placed, listed and released by its admins. */
@Path("/api/v1/holds")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserRole.ADMIN_NAME)
public class HoldResource {

    private final LegalHoldService holds;
    private final SecurityIdentity identity;

    public HoldResource(LegalHoldService holds, SecurityIdentity identity) {
        this.holds = holds;
        this.identity = identity;
    }

    @GET
    public Map<String, List<HoldView>> list() {
        return Map.of("items", holds.list(Caller.of(identity).tenant()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(HoldRequest request) {
        return Response.status(201)
                .entity(holds.place(Caller.of(identity), request))
                .build();
    }

    @POST
    @Path("/{id}/release")
    public HoldView release(@PathParam("id") String id) {
        return holds.release(Caller.of(identity), id);
    }
}
