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

/**
 * Signing in and out. The login form posts to Quarkus form authentication ({@code /j_security_check}), which
 * sets the encrypted, HttpOnly, SameSite=Strict session cookie; signing out is a CSRF-checked POST.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SessionPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean failed, boolean signedOut);
    }

    private final SecurityIdentity identity;

    public SessionPages(SecurityIdentity identity) {
        this.identity = identity;
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
        return Response.ok(Templates.login(failed, signedOut))
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
