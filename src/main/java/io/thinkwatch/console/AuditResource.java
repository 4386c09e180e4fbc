package io.thinkwatch.console;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.security.AuditLog;
import io.thinkwatch.security.AuditQuery;
import io.thinkwatch.security.AuditView;
import io.thinkwatch.security.Caller;
import io.thinkwatch.security.ChainVerification;
import io.thinkwatch.security.ReadView;
import io.thinkwatch.security.ReadsQuery;
import io.thinkwatch.security.TraceReads;
import io.thinkwatch.security.UserRole;
import io.thinkwatch.security.checkpoint.AuditCheckpoints;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code /api/v1/audit}: the caller's tenant's audit log, its integrity check and checkpoints, and who read which
 * captured text (admins).
 */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserRole.ADMIN_NAME)
public class AuditResource {

    /** The tenant's checkpoints as {@code GET /api/v1/audit/checkpoints} lists them, newest first. */
    public record Checkpoints(List<Checkpoint> items) {}

    /** One checkpoint: the chain's entry {@code seq} had {@code hash}, linked with {@code keyId}, at {@code at}. */
    public record Checkpoint(long seq, String hash, Instant at, String keyId) {}

    private final AuditLog audit;
    private final AuditCheckpoints checkpoints;
    private final TraceReads reads;
    private final ObjectMapper mapper;
    private final SecurityIdentity identity;

    public AuditResource(
            AuditLog audit,
            AuditCheckpoints checkpoints,
            TraceReads reads,
            ObjectMapper mapper,
            SecurityIdentity identity) {
        this.audit = audit;
        this.checkpoints = checkpoints;
        this.reads = reads;
        this.mapper = mapper;
        this.identity = identity;
    }

    @GET
    public AuditView.Page list(@Context UriInfo uri) {
        AuditQuery query = AuditQuery.of(uri.getQueryParameters());
        return AuditView.page(audit.find(tenant(), query), query, mapper);
    }

    /**
     * Reads of captured text: who read {@code traceId}, or what {@code actor} read between {@code from} and
     * {@code to} (decision 0025), one item per trace and read, newest first.
     */
    @GET
    @Path("/reads")
    public ReadView.Page reads(@Context UriInfo uri) {
        ReadsQuery query = ReadsQuery.of(uri.getQueryParameters());
        return ReadView.page(reads.find(tenant(), query), query, mapper);
    }

    /**
     * Recomputes the hash chain and compares it with the tenant's checkpoints; {@code valid: false} names the first
     * entry that does not fit and the kind of tampering, or the entries whose key is not configured.
     */
    @GET
    @Path("/verify")
    public ChainVerification verify() {
        String tenant = tenant();
        return audit.verify(tenant, checkpoints.of(tenant));
    }

    /** The checkpoints of the tenant's chain that the checkpoint topic holds, newest first, to keep elsewhere. */
    @GET
    @Path("/checkpoints")
    public Checkpoints checkpoints() {
        return new Checkpoints(checkpoints.of(tenant()).stream()
                .map(c -> new Checkpoint(c.seq(), c.hash(), c.at(), c.keyId()))
                .toList());
    }

    private String tenant() {
        return Caller.of(identity).tenant();
    }
}
