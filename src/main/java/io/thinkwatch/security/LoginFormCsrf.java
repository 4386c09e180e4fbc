package io.thinkwatch.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * The CSRF check of the login form. Every other console form is checked by quarkus-rest-csrf; the login form
 * is posted to Quarkus' form authentication, outside Quarkus REST, so its token (the same double-submit cookie
 * and form field) is compared here. {@code quarkus.rest-csrf.token-signature-key} must stay unset.
 */
@ApplicationScoped
public class LoginFormCsrf {

    private final String cookieName;
    private final String fieldName;

    public LoginFormCsrf(
            @ConfigProperty(name = "quarkus.rest-csrf.cookie-name", defaultValue = "csrf-token") String cookieName,
            @ConfigProperty(name = "quarkus.rest-csrf.form-field-name", defaultValue = "csrf-token") String fieldName) {
        this.cookieName = cookieName;
        this.fieldName = fieldName;
    }

    boolean accepts(RoutingContext http) {
        Cookie cookie = http.request().getCookie(cookieName);
        return matches(
                cookie == null ? null : cookie.getValue(),
                http.request().formAttributes().get(fieldName));
    }

    /** True when the form field repeats the cookie: a page of another site can set neither. */
    static boolean matches(String cookieValue, String formValue) {
        if (cookieValue == null || formValue == null || cookieValue.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(
                cookieValue.getBytes(StandardCharsets.UTF_8), formValue.getBytes(StandardCharsets.UTF_8));
    }
}
