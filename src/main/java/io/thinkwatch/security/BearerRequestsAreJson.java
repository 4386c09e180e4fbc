package io.thinkwatch.security;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A script's bodiless {@code POST} with a bearer token (e.g. {@code curl -X POST .../channels/7/test}) is
 * declared JSON, so the CSRF filter, which guards the console's cookie-authenticated forms, does not take it
 * for a form without its token. Bearer tokens are never sent by a browser on its own, so such requests
 * cannot be forged cross-site.
 */
public class BearerRequestsAreJson {

    @ServerRequestFilter(preMatching = true)
    public void declareJson(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && request.getMediaType() == null && !HttpMethod.GET.equals(request.getMethod())) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }
}
