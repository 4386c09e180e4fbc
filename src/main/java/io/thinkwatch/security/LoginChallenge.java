package io.thinkwatch.security;

import jakarta.ws.rs.core.Response;

import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The answer to a console page request without a valid session: whatever the path's authentication mechanism
 * asks for, which for pages is form login (a redirect to {@code /login}, or to its error page after a failed
 * login). The REST API answers 401 in the error shape instead (see console.ErrorMappers).
 */
public final class LoginChallenge {

    private LoginChallenge() {}

    public static Uni<Response> of(RoutingContext context) {
        HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
        if (authenticator == null) {
            return Uni.createFrom().item(Response.status(401).build());
        }
        return authenticator
                .getChallenge(context)
                .map(LoginChallenge::response)
                .onFailure()
                .recoverWithItem(Response.status(401).build());
    }

    private static Response response(ChallengeData challenge) {
        if (challenge == null) {
            return Response.status(401).build();
        }
        Response.ResponseBuilder builder = Response.status(challenge.status);
        challenge.getHeaders().forEach((name, value) -> builder.header(name.toString(), value));
        return builder.build();
    }
}
