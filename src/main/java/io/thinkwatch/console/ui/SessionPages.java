package io.thinkwatch.console.ui;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import io.thinkwatch.security.SsoConfig;

/**
 * Signing in and out. The login form posts to Quarkus form authentication ({@code /j_security_check}), which
 * sets the encrypted, HttpOnly, SameSite=Strict session cookie; with single sign-on on, the page also links to
 * {@code /sso} ({@link SsoPages}). Signing out is a CSRF-checked POST.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SessionPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean failed, boolean signedOut, boolean sso);
    }

    private final SecurityIdentity identity;
    private final SsoConfig sso;

    public SessionPages(SecurityIdentity identity, SsoConfig sso) {
        this.identity = identity;
        this.sso = sso;
    }

    @GET
    @Path("login")
    public Response login(
            @QueryParam("error") boolean failed,
            @QueryParam("signed-out") boolean signedOut,
            @HeaderParam("HX-Request") boolean fromHtmx) {
        if (fromHtmx) {
            // A partial update whose session ran out was redirected here: reload the whole page instead.
            return Response.ok().header("HX-Redirect", "/login").build();
        }
        if (!identity.isAnonymous() && !failed) {
            return Response.seeOther(URI.create("/")).build();
        }
        return Response.ok(Templates.login(failed, signedOut, sso.enabled()))
                .header("Cache-Control", "no-store")
                .build();
    }

    @POST
    @Path("logout")
    @Authenticated
    public Response logout() {
        FormAuthenticationMechanism.logout(identity);
        return Response.seeOther(URI.create("/login?signed-out=true")).build();
    }
}
