package io.thinkwatch.console.ui;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.errors.DomainException;
import io.thinkwatch.keys.CaptureKeyRequest;
import io.thinkwatch.keys.CaptureKeyService;
import io.thinkwatch.keys.CaptureKeyView;
import io.thinkwatch.keys.CreatedKey;
import io.thinkwatch.security.Caller;
import io.thinkwatch.security.UserRole;

/** Admins make, list and revoke their tenant's capture keys; a new key is shown once, on the page that made it. */
@Path("/keys")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(UserRole.ADMIN_NAME)
public class KeysPage {

    /** A key as listed. */
    public record Row(
            String id,
            String name,
            String app,
            String env,
            String createdBy,
            String created,
            String lastUsed,
            String revoked) {

        static Row of(CaptureKeyView key) {
            return new Row(
                    key.id(),
                    key.name(),
                    key.app(),
                    key.env(),
                    key.createdBy(),
                    Fmt.time(key.createdAt()),
                    key.lastUsedAt() == null ? "never" : Fmt.time(key.lastUsedAt()),
                    key.revokedAt() == null ? null : Fmt.time(key.revokedAt()));
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance keys(
                List<Row> keys, CaptureKeyRequest form, List<String> problems, CreatedKey created, String revoked);
    }

    private final SecurityIdentity identity;
    private final CaptureKeyService keys;

    public KeysPage(SecurityIdentity identity, CaptureKeyService keys) {
        this.identity = identity;
        this.keys = keys;
    }

    @GET
    public TemplateInstance list(@QueryParam("revoked") String revoked) {
        return Templates.keys(rows(), new CaptureKeyRequest("", "", ""), List.of(), null, revoked);
    }

    /** Makes a key and shows it in this answer, the only time it is shown (no redirect: the key is in no URL). */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("name") String name, @FormParam("app") String app, @FormParam("env") String env) {
        CaptureKeyRequest form = new CaptureKeyRequest(name, app, env);
        try {
            CreatedKey created = keys.create(Caller.of(identity), form);
            return Response.ok(Templates.keys(rows(), new CaptureKeyRequest("", "", ""), List.of(), created, null))
                    .header("Cache-Control", "no-store")
                    .build();
        } catch (DomainException e) {
            return Response.status(400)
                    .entity(Templates.keys(rows(), form, e.problems(), null, null))
                    .build();
        }
    }

    @POST
    @Path("/{id}/revoke")
    public Response revoke(@PathParam("id") String id) {
        CaptureKeyView revoked = keys.revoke(Caller.of(identity), id);
        return Response.seeOther(
                        URI.create("/keys?revoked=" + URLEncoder.encode(revoked.name(), StandardCharsets.UTF_8)))
                .build();
    }

    private List<Row> rows() {
        return keys.list(Caller.of(identity).tenant()).stream().map(Row::of).toList();
    }
}
