package io.thinkwatch.console;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import io.thinkwatch.console.ui.ErrorPages;
import io.thinkwatch.errors.DomainException;
import io.thinkwatch.platform.ApiError;
import io.thinkwatch.security.LoginChallenge;
import io.vertx.ext.web.RoutingContext;

/**
 * Maps every exception that leaves a resource to the single {@link ApiError} shape: a feature's refusal
 * ({@link DomainException}) with the status of its kind. A console page gets a page instead: the login challenge
 * without a session, the "not allowed" page when its role does not allow the request.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    /** The HTTP status of a refusal; part of the public contract (docs/api.md). */
    public static int status(DomainException e) {
        return switch (e.kind()) {
            case INVALID -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNAVAILABLE -> 503;
        };
    }

    public static ApiError error(DomainException e) {
        return new ApiError(e.code(), e.getMessage(), e.details());
    }

    @ServerExceptionMapper
    public Response refused(DomainException e) {
        return json(status(e), error(e));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String code = Response.Status.Family.familyOf(status) == Response.Status.Family.CLIENT_ERROR
                ? "bad_request"
                : "server_error";
        if (status == 404) {
            code = "not_found";
        } else if (status == 401) {
            code = "unauthorized";
        } else if (status == 403) {
            code = "forbidden";
        }
        return json(status, ApiError.of(code, e.getMessage()));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Uni<Response> unauthorized(RoutingContext context) {
        if (!isApi(context)) {
            return LoginChallenge.of(context);
        }
        return Uni.createFrom()
                .item(Response.status(401)
                        .header("WWW-Authenticate", "Bearer")
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(ApiError.of(
                                "unauthorized", "authentication required: send Authorization: Bearer <token>"))
                        .build());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, RoutingContext context) {
        if (!isApi(context)) {
            return ErrorPages.forbidden();
        }
        return json(403, ApiError.of("forbidden", "your role does not allow this"));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("Unexpected error in API call", e);
        return json(500, ApiError.of("server_error", "internal error; see the server log"));
    }

    private static boolean isApi(RoutingContext context) {
        return context.normalizedPath().startsWith("/api/");
    }

    private static Response json(int status, ApiError error) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(error)
                .build();
    }
}
