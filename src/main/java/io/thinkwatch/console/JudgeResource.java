package io.thinkwatch.console;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.monitor.judge.JudgeEndpointRequest;
import io.thinkwatch.monitor.judge.JudgeEndpointView;
import io.thinkwatch.monitor.judge.JudgeEndpoints;
import io.thinkwatch.security.Caller;
import io.thinkwatch.security.UserRole;

/**
 * {@code /api/v1/monitor/judge}: the caller's tenant's model judge for {@code reasoning_monitor} rules of
 * {@code judge: model}, set and removed by its admins, with today's spend against the budget.
 */
@Path("/api/v1/monitor/judge")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserRole.ADMIN_NAME)
public class JudgeResource {

    private final JudgeEndpoints endpoints;
    private final SecurityIdentity identity;

    public JudgeResource(JudgeEndpoints endpoints, SecurityIdentity identity) {
        this.endpoints = endpoints;
        this.identity = identity;
    }

    @GET
    public JudgeEndpointView get() {
        return endpoints.get(Caller.of(identity).tenant());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public JudgeEndpointView put(JudgeEndpointRequest request) {
        return endpoints.put(Caller.of(identity), request);
    }

    @DELETE
    public Response delete() {
        endpoints.delete(Caller.of(identity));
        return Response.noContent().build();
    }
}
