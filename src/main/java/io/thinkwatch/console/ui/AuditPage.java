package io.thinkwatch.console.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.errors.Invalid;
import io.thinkwatch.security.AuditEntry;
import io.thinkwatch.security.AuditLog;
import io.thinkwatch.security.AuditQuery;
import io.thinkwatch.security.Caller;
import io.thinkwatch.security.ChainVerification;
import io.thinkwatch.security.UserRole;
import io.thinkwatch.security.checkpoint.AuditCheckpoints;

/** Admins read who changed what in their tenant, filter it, and check that the log was not tampered with. */
@Path("/audit")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(UserRole.ADMIN_NAME)
public class AuditPage {

    /** An entry as listed. */
    public record Row(long seq, String at, String actor, String action, String target, String detail, String hash) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance audit(
                List<Row> rows, AuditQuery query, String nextLink, List<String> targetTypes, String selectedType);

        static native TemplateInstance verification(ChainVerification result);
    }

    private final AuditLog audit;
    private final AuditCheckpoints checkpoints;
    private final SecurityIdentity identity;

    public AuditPage(AuditLog audit, AuditCheckpoints checkpoints, SecurityIdentity identity) {
        this.audit = audit;
        this.checkpoints = checkpoints;
        this.identity = identity;
    }

    @GET
    public TemplateInstance list(@Context UriInfo uri) {
        AuditQuery query = AuditQuery.of(uri.getQueryParameters());
        List<AuditEntry> entries = audit.find(tenant(), query);
        List<Row> rows = entries.stream().map(AuditPage::row).toList();
        String next = entries.size() == query.size() && entries.get(entries.size() - 1).seq > 1
                ? link(query.after(entries.get(entries.size() - 1).seq))
                : null;
        return Templates.audit(
                rows,
                query,
                next,
                List.of("", "rule", "channel", "user", "finding"),
                query.targetType() == null ? "" : query.targetType());
    }

    /** The chain check, as a fragment for htmx. */
    @GET
    @Path("/verify")
    public TemplateInstance verify() {
        String tenant = tenant();
        return Templates.verification(audit.verify(tenant, checkpoints.of(tenant)));
    }

    @ServerExceptionMapper
    public Response badQuery(Invalid e) {
        return ErrorPages.page(400, "Not a valid filter", String.join("; ", e.details()));
    }

    private static Row row(AuditEntry e) {
        String target = e.targetType + (e.targetId == null ? "" : " " + e.targetId);
        String detail = "{}".equals(e.detail) ? "" : e.detail;
        return new Row(e.seq, Fmt.time(e.at), e.actor, e.action, target, detail, e.hash.substring(0, 12));
    }

    private static String link(AuditQuery q) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("actor", q.actor());
        params.put("action", q.action());
        params.put("targetType", q.targetType());
        params.put("targetId", q.targetId());
        params.put("before", q.before());
        StringBuilder url = new StringBuilder("/audit?");
        params.forEach((k, v) -> {
            if (v != null) {
                url.append(k)
                        .append('=')
                        .append(URLEncoder.encode(v.toString(), StandardCharsets.UTF_8))
                        .append('&');
            }
        });
        return url.substring(0, url.length() - 1);
    }

    private String tenant() {
        return Caller.of(identity).tenant();
    }
}
