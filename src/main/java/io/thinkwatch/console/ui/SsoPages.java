package io.thinkwatch.console.ui;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.oidc.IdToken;
import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.thinkwatch.security.ConsoleSessionCookie;
import io.thinkwatch.security.SsoClaims;
import io.thinkwatch.security.SsoConfig;
import io.thinkwatch.security.SsoDecision;
import io.thinkwatch.security.SsoSignIn;
import io.vertx.ext.web.RoutingContext;

/**
 * Single sign-on. {@code /sso} is the one path of the OIDC code flow (application.properties): Quarkus OIDC sends
 * the browser to the provider and back; here its ID token becomes a console session ({@link ConsoleSessionCookie})
 * or a page that says why not. The provider's own session is ended either way, so the next sign-in asks it again.
 */
@Path("/sso")
@Produces(MediaType.TEXT_HTML)
public class SsoPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signedIn(String username);

        static native TemplateInstance refused(String reason);
    }

    @Inject
    @IdToken
    JsonWebToken idToken;

    @Inject
    OidcSession oidcSession;

    private final SsoConfig config;
    private final SsoSignIn signIn;
    private final ConsoleSessionCookie sessions;

    public SsoPages(SsoConfig config, SsoSignIn signIn, ConsoleSessionCookie sessions) {
        this.config = config;
        this.signIn = signIn;
        this.sessions = sessions;
    }

    /**
     * Back from the provider. A 200 page that moves on to the overview rather than a redirect: after the provider's
     * cross-site redirects, the browser would not yet send the SameSite=Strict session cookie.
     */
    @GET
    public Response signIn(@Context RoutingContext http) {
        if (!config.enabled()) {
            return ErrorPages.page(404, "Single sign-on is off", "This console signs in with a password only.");
        }
        SsoDecision decision = signIn.signIn(SsoClaims.read(idToken::getClaim, config));
        oidcSession.logout().await().indefinitely();
        if (decision instanceof SsoDecision.SignedIn in) {
            sessions.open(in.username(), http);
            return Response.ok(Templates.signedIn(in.username()))
                    .header("Cache-Control", "no-store")
                    .build();
        }
        return Response.status(403)
                .entity(Templates.refused(((SsoDecision.Refused) decision).reason()))
                .header("Cache-Control", "no-store")
                .build();
    }

    /** Where Quarkus OIDC sends an error answer of the provider (e.g. the person cancelled). */
    @GET
    @Path("failed")
    public Response failed(@QueryParam("error") String error) {
        return Response.status(401)
                .entity(Templates.refused("the provider answered '" + (error == null ? "unknown error" : error) + "'"))
                .header("Cache-Control", "no-store")
                .build();
    }
}
