package io.thinkwatch.security;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.security.PersistentLoginManager;
import io.vertx.ext.web.RoutingContext;

/**
 * Opens the console session of a person signed in by single sign-on: the same encrypted {@code thinkwatch-session}
 * cookie that form login sets, written with the same {@code quarkus.http.auth.form.*} settings and session key, so
 * {@link SessionIdentityProvider} restores it like any other. Needs a configured session key: without one, form
 * login makes a temporary key of its own that this class cannot read, so single sign-on refuses to start.
 */
@ApplicationScoped
public class ConsoleSessionCookie {

    static final String KEY = "quarkus.http.auth.session.encryption-key";

    private final SsoConfig sso;
    private final String cookieName;
    /** Null without a session key. */
    private final PersistentLoginManager manager;

    public ConsoleSessionCookie(
            SsoConfig sso,
            @ConfigProperty(name = KEY) Optional<String> key,
            @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
                    String cookieName,
            @ConfigProperty(name = "quarkus.http.auth.form.timeout", defaultValue = "30M") Duration timeout,
            @ConfigProperty(name = "quarkus.http.auth.form.new-cookie-interval", defaultValue = "1M")
                    Duration newCookieInterval,
            @ConfigProperty(name = "quarkus.http.auth.form.http-only-cookie", defaultValue = "false") boolean httpOnly,
            @ConfigProperty(name = "quarkus.http.auth.form.cookie-same-site", defaultValue = "strict") String sameSite,
            @ConfigProperty(name = "quarkus.http.auth.form.cookie-path", defaultValue = "/") String path,
            @ConfigProperty(name = "quarkus.http.auth.form.cookie-domain") Optional<String> domain,
            @ConfigProperty(name = "quarkus.http.auth.form.cookie-max-age") Optional<Duration> maxAge) {
        this.sso = sso;
        this.cookieName = cookieName;
        this.manager = key.filter(k -> k.length() > 16)
                .map(k -> new PersistentLoginManager(
                        k,
                        cookieName,
                        timeout.toMillis(),
                        newCookieInterval.toMillis(),
                        httpOnly,
                        sameSite.toUpperCase(Locale.ROOT),
                        path,
                        maxAge.map(Duration::getSeconds).orElse(-1L),
                        domain.orElse(null)))
                .orElse(null);
    }

    void checkKey(@Observes StartupEvent start) {
        if (sso.enabled() && manager == null) {
            throw new IllegalStateException("Single sign-on (thinkwatch.console.sso.enabled) needs a session key: set "
                    + KEY + " (QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY, 32+ characters)");
        }
    }

    /** Sets the session cookie of {@code username} on the response. */
    public void open(String username, RoutingContext http) {
        if (manager == null) {
            throw new IllegalStateException("no session key: " + KEY);
        }
        manager.save(username, http, cookieName, null, http.request().isSSL());
    }
}
