package io.thinkwatch.platform;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import io.thinkwatch.security.LoginChallenge;
import io.vertx.ext.web.RoutingContext;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every exception that leaves a resource to the single {@link ApiError} shape; a console page without a
 * session gets the login challenge instead of a 401.
 */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return json(e.status(), e.toError());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String code = Response.Status.Family.familyOf(status) == Response.Status.Family.CLIENT_ERROR
                ? "bad_request" : "server_error";
        if (status == 404) {
            code = "not_found";
        } else if (status == 401) {
            code = "unauthorized";
        } else if (status == 403) {
            code = "forbidden";
        }
        return json(status, ApiError.of(code, e.getMessage()));
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Uni<Response> unauthorized(RoutingContext context) {
        if (!context.normalizedPath().startsWith("/api/")) {
            return LoginChallenge.of(context);
        }
        return Uni.createFrom().item(Response.status(401).header("WWW-Authenticate", "Bearer")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of("unauthorized", "authentication required: send Authorization: Bearer <token>"))
                .build());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return json(403, ApiError.of("forbidden", "your role does not allow this"));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("Unexpected error in API call", e);
        return json(500, ApiError.of("server_error", "internal error; see the server log"));
    }

    private static Response json(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}
