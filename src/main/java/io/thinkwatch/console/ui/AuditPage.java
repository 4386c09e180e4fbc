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
import jakarta.ws.rs.core.MultivaluedMap;
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
import io.thinkwatch.security.ReadView;
import io.thinkwatch.security.ReadsQuery;
import io.thinkwatch.security.TraceReads;
import io.thinkwatch.security.UserRole;
import io.thinkwatch.security.checkpoint.AuditCheckpoints;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Admins read who changed what in their tenant, filter it, check that the log was not tampered with, and ask who
 * read which captured text.
 */
@Path("/audit")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(UserRole.ADMIN_NAME)
public class AuditPage {

    /** An entry as listed. */
    public record Row(long seq, String at, String actor, String action, String target, String detail, String hash) {}

    /** A read of one trace's captured text as listed. */
    public record ReadRow(
            long seq, String at, String actor, String action, String traceId, String fields, String entryLink) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance reads(boolean asked, List<ReadRow> rows, ReadsQuery query, String nextLink);

        static native TemplateInstance audit(
                List<Row> rows, AuditQuery query, String nextLink, List<String> targetTypes, String selectedType);

        static native TemplateInstance verification(ChainVerification result);
    }

    private final AuditLog audit;
    private final AuditCheckpoints checkpoints;
    private final TraceReads reads;
    private final SecurityIdentity identity;
    private final ObjectMapper mapper;

    public AuditPage(
            AuditLog audit,
            AuditCheckpoints checkpoints,
            TraceReads reads,
            SecurityIdentity identity,
            ObjectMapper mapper) {
        this.audit = audit;
        this.checkpoints = checkpoints;
        this.reads = reads;
        this.identity = identity;
        this.mapper = mapper;
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
                List.of("", "rule", "channel", "user", "finding", "trace"),
                query.targetType() == null ? "" : query.targetType());
    }

    /**
     * Who read a trace's captured text, or what a person read between two times (decision 0025); the two questions
     * as forms, and their answer once one is asked.
     */
    @GET
    @Path("/reads")
    public TemplateInstance reads(@Context UriInfo uri) {
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        if (blank(params.getFirst("traceId")) && blank(params.getFirst("actor"))) {
            return Templates.reads(false, List.of(), new ReadsQuery(null, null, null, null, null, 50), null);
        }
        ReadsQuery query = ReadsQuery.of(params);
        ReadView.Page page = ReadView.page(reads.find(tenant(), query), query, mapper);
        List<ReadRow> rows = page.items().stream()
                .map(r -> new ReadRow(
                        r.seq(),
                        Fmt.time(r.at()),
                        r.actor(),
                        r.action(),
                        r.traceId(),
                        String.join(", ", r.fields()),
                        "/audit?size=1&before=" + (r.seq() + 1)))
                .toList();
        return Templates.reads(true, rows, query, page.next() == null ? null : readsLink(query, page.next()));
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
        return query("/audit?", params);
    }

    private static String query(String start, Map<String, Object> params) {
        StringBuilder url = new StringBuilder(start);
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

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String readsLink(ReadsQuery q, String next) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("traceId", q.traceId());
        params.put("actor", q.actor());
        params.put("from", q.from());
        params.put("to", q.to());
        params.put("before", next);
        return query("/audit/reads?", params);
    }

    private String tenant() {
        return Caller.of(identity).tenant();
    }
}
