package io.thinkwatch.security;

import java.util.Locale;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

/**
 * CSRF tokens guard the console's cookie-authenticated forms; a script's call with a bearer token cannot be
 * forged by another site (a browser never adds the header by itself). Many HTTP clients (curl {@code -d ''},
 * REST Assured) label a bodiless {@code POST} as a form, which the CSRF filter refuses for lack of a token. So
 * for a request that carries a bearer token, no session cookie and no body, the form label is dropped before
 * Quarkus REST reads it. Requests with a session cookie, or with a body, are left alone and checked as before.
 */
@Singleton
public class BearerCallsSkipCsrf {

    static final String SESSION_COOKIE = "thinkwatch-session";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 100).handler(rc -> {
            if (applies(rc.request())) {
                rc.request().headers().remove(HttpHeaders.CONTENT_TYPE);
            }
            rc.next();
        });
    }

    static boolean applies(HttpServerRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) || type == null) {
            return false;
        }
        String lower = type.toLowerCase(Locale.ROOT);
        boolean form = lower.startsWith("application/x-www-form-urlencoded") || lower.startsWith("multipart/form-data");
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean bodiless = request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null
                && (length == null || "0".equals(length.strip()));
        return form && bodiless && request.getCookie(SESSION_COOKIE) == null;
    }
}
