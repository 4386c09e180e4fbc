package io.thinkwatch.console;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.keys.CaptureKeyRequest;
import io.thinkwatch.keys.CaptureKeyService;
import io.thinkwatch.keys.CaptureKeyView;
import io.thinkwatch.keys.CreatedKey;
import io.thinkwatch.security.Caller;
import io.thinkwatch.security.UserRole;

/** {@code /api/v1/capture-keys}: the capture keys of the caller's tenant, made, listed and revoked by its admins. */
@Path("/api/v1/capture-keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserRole.ADMIN_NAME)
public class CaptureKeyResource {

    private final CaptureKeyService keys;
    private final SecurityIdentity identity;

    public CaptureKeyResource(CaptureKeyService keys, SecurityIdentity identity) {
        this.keys = keys;
        this.identity = identity;
    }

    @GET
    public Map<String, List<CaptureKeyView>> list() {
        return Map.of("items", keys.list(Caller.of(identity).tenant()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CaptureKeyRequest request) {
        CreatedKey created = keys.create(Caller.of(identity), request);
        return Response.status(201).entity(created).build();
    }

    @POST
    @Path("/{id}/revoke")
    public CaptureKeyView revoke(@PathParam("id") String id) {
        return keys.revoke(Caller.of(identity), id);
    }

    /** The installation's public key, to pin on capture instances ({@code thinkwatch.capture.keys.signers}). */
    @GET
    @Path("/signer")
    public Map<String, String> signer() {
        return Map.of("publicKey", keys.signerPublicKey());
    }
}
