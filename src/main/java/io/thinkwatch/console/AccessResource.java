package io.thinkwatch.console;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.errors.Invalid;
import io.thinkwatch.security.Caller;
import io.thinkwatch.security.TokenService;
import io.thinkwatch.security.UserRole;
import io.thinkwatch.security.UserService;

/** {@code /api/v1/users} and {@code /api/v1/tokens}: who and what may call, in the caller's tenant (admins). */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserRole.ADMIN_NAME)
public class AccessResource {

    /** {@code POST /api/v1/users} and {@code PUT /api/v1/users/{username}}. */
    public record UserRequest(String username, String password, String role) {}

    private final UserService users;
    private final TokenService tokens;
    private final SecurityIdentity identity;

    public AccessResource(UserService users, TokenService tokens, SecurityIdentity identity) {
        this.users = users;
        this.tokens = tokens;
        this.identity = identity;
    }

    @GET
    @Path("/users")
    public Map<String, List<UserService.UserView>> users() {
        return Map.of("items", users.list(Caller.of(identity).tenant()));
    }

    @POST
    @Path("/users")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addUser(UserRequest request) {
        UserRole role = request == null ? null : UserRole.fromWire(request.role());
        if (role == null || !role.grantableByTenantAdmin()) {
            throw Invalid.of("role: one of viewer, reviewer, admin");
        }
        users.addChecked(Caller.of(identity), request.username(), request.password(), role);
        return Response.status(201).build();
    }

    @PUT
    @Path("/users/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserService.UserView changeRole(@PathParam("username") String username, UserRequest request) {
        return users.changeRole(
                Caller.of(identity), username, request == null ? null : UserRole.fromWire(request.role()));
    }

    @DELETE
    @Path("/users/{username}")
    public Response removeUser(@PathParam("username") String username) {
        users.remove(Caller.of(identity), username);
        return Response.noContent().build();
    }

    @GET
    @Path("/tokens")
    public Map<String, List<TokenService.TokenView>> tokens() {
        return Map.of("items", tokens.list(Caller.of(identity).tenant()));
    }

    @POST
    @Path("/tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createToken(TokenService.TokenRequest request) {
        return Response.status(201)
                .entity(tokens.create(Caller.of(identity), request))
                .build();
    }

    @DELETE
    @Path("/tokens/{id}")
    public Response deleteToken(@PathParam("id") long id) {
        tokens.delete(Caller.of(identity), id);
        return Response.noContent().build();
    }
}
