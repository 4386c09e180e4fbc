package io.thinkwatch.console;

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
import io.thinkwatch.security.ReadView;
import io.thinkwatch.security.ReadsQuery;
import io.thinkwatch.security.TraceReads;
import io.thinkwatch.security.UserRole;

import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code /api/v1/audit}: the caller's tenant's audit log and its integrity check, and who read which captured text (admins). */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserRole.ADMIN_NAME)
public class AuditResource {

    private final AuditLog audit;
    private final TraceReads reads;
    private final ObjectMapper mapper;
    private final SecurityIdentity identity;

    public AuditResource(AuditLog audit, TraceReads reads, ObjectMapper mapper, SecurityIdentity identity) {
        this.audit = audit;
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

    /** Recomputes the hash chain; {@code valid: false} names the first entry that does not fit. */
    @GET
    @Path("/verify")
    public AuditLog.Verification verify() {
        return audit.verify(tenant());
    }

    private String tenant() {
        return Caller.of(identity).tenant();
    }
}
