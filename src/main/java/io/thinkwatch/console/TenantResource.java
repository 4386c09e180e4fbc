package io.thinkwatch.console;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.security.Caller;
import io.thinkwatch.security.TenantRequest;
import io.thinkwatch.security.TenantService;
import io.thinkwatch.security.TenantView;
import io.thinkwatch.security.UserRole;

/**
 * {@code /api/v1/tenants}: the installation's tenants, for its platform administrators only; the one route set
 * that is not filtered by the caller's tenant, because managing tenants is what it is for.
 */
@Path("/api/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserRole.PLATFORM_ADMIN_NAME)
public class TenantResource {

    private final TenantService tenants;
    private final SecurityIdentity identity;

    public TenantResource(TenantService tenants, SecurityIdentity identity) {
        this.tenants = tenants;
        this.identity = identity;
    }

    @GET
    public Map<String, List<TenantView>> list() {
        return Map.of("items", tenants.list());
    }

    @GET
    @Path("/{name}")
    public TenantView get(@PathParam("name") String name) {
        return tenants.find(name);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(TenantRequest request) {
        return Response.status(201)
                .entity(tenants.create(Caller.of(identity), request))
                .build();
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public TenantView update(@PathParam("name") String name, TenantRequest request) {
        return tenants.update(Caller.of(identity), name, request);
    }

    @POST
    @Path("/{name}/admins")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addAdmin(@PathParam("name") String name, TenantRequest.FirstAdmin admin) {
        tenants.addAdmin(Caller.of(identity), name, admin);
        return Response.noContent().build();
    }
}
