package io.thinkwatch.console.ui;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
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

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.console.ErrorMappers;
import io.thinkwatch.errors.DomainException;
import io.thinkwatch.errors.NotFound;
import io.thinkwatch.model.Finding;
import io.thinkwatch.review.ReviewService;
import io.thinkwatch.review.RuleHits;
import io.thinkwatch.rules.Backtest;
import io.thinkwatch.rules.RuleDefinition;
import io.thinkwatch.rules.RuleStore;
import io.thinkwatch.rules.RuleView;
import io.thinkwatch.security.Caller;
import io.thinkwatch.security.UserRole;

/**
 * The tenant's rules: everyone reads them with how often they fired; admins create, edit, enable and disable
 * them, and preview a draft with a backtest over stored traces before saving. Validation is the rule store's
 * (the same messages as the API).
 */
@Path("/rules")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(UserRole.VIEWER_NAME)
public class RulesPage {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    /** A rule as listed, with its hits. */
    public record Row(RuleView rule, RuleHits hits, String updated) {}

    /** A finding of a backtest as previewed. */
    public record PreviewFinding(
            String group, String severity, long count, String first, String last, String message) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance rules(List<Row> rows, String notice);

        static native TemplateInstance rule(
                Long id,
                RuleForm form,
                List<String> problems,
                String from,
                String to,
                boolean editable,
                RuleView saved);

        static native TemplateInstance preview(
                Backtest.Result result, String from, String to, List<PreviewFinding> findings, List<String> problems);
    }

    private final RuleStore store;
    private final Backtest backtest;
    private final ReviewService reviews;
    private final SecurityIdentity identity;

    public RulesPage(RuleStore store, Backtest backtest, ReviewService reviews, SecurityIdentity identity) {
        this.store = store;
        this.backtest = backtest;
        this.reviews = reviews;
        this.identity = identity;
    }

    @GET
    public TemplateInstance list(@QueryParam("saved") String saved) {
        Map<String, RuleHits> hits = reviews.hitsPerRule(caller().tenant());
        List<Row> rows = store.list(caller().tenant()).stream()
                .map(r -> new Row(r, hits.getOrDefault(Long.toString(r.id()), RuleHits.NONE), Fmt.time(r.updatedAt())))
                .toList();
        return Templates.rules(rows, saved);
    }

    @GET
    @Path("/new")
    @RolesAllowed(UserRole.ADMIN_NAME)
    public TemplateInstance create() {
        return form(null, RuleForm.empty(), List.of(), null, null);
    }

    @GET
    @Path("/{id: \\d+}")
    public TemplateInstance show(@PathParam("id") long id) {
        RuleView rule = store.get(caller().tenant(), id);
        return form(id, RuleForm.of(rule), List.of(), rule, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(UserRole.ADMIN_NAME)
    public Response save(@BeanParam RuleFormParams posted) {
        return save(null, posted);
    }

    @POST
    @Path("/{id: \\d+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(UserRole.ADMIN_NAME)
    public Response update(@PathParam("id") long id, @BeanParam RuleFormParams posted) {
        return save(id, posted);
    }

    /** Turns a rule on or off from the list, keeping the rest of its definition. */
    @POST
    @Path("/{id: \\d+}/enabled")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(UserRole.ADMIN_NAME)
    public Response enable(@PathParam("id") long id, @FormParam("enabled") boolean enabled) {
        RuleView rule = store.get(caller().tenant(), id);
        store.update(
                caller(),
                id,
                new RuleDefinition(
                        rule.name(),
                        rule.description(),
                        rule.kind(),
                        rule.params(),
                        rule.scope(),
                        rule.severity(),
                        rule.groupBy(),
                        rule.dedupWindow(),
                        rule.channels(),
                        enabled));
        String notice = rule.name() + (enabled ? " is enabled" : " is disabled");
        return Response.seeOther(URI.create("/rules?saved=" + URLEncoder.encode(notice, StandardCharsets.UTF_8)))
                .build();
    }

    /** The backtest of the form as it is now, as a fragment for htmx; nothing is saved. */
    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(UserRole.REVIEWER_NAME)
    public Response preview(@BeanParam RuleFormParams posted) {
        List<String> problems = new ArrayList<>();
        RuleDefinition definition = posted.form().definition(problems);
        Instant to = instant("to", posted.to, Instant.now(), problems);
        Instant from = instant("from", posted.from, to.minus(Duration.ofDays(1)), problems);
        if (problems.isEmpty()) {
            try {
                Backtest.Result result = backtest.run(RuleStore.draft(caller().tenant(), definition), from, to);
                List<PreviewFinding> findings = result.findings().stream()
                        .map(RulesPage::previewFinding)
                        .toList();
                return Response.ok(Templates.preview(result, Fmt.time(from), Fmt.time(to), findings, List.of()))
                        .build();
            } catch (DomainException e) {
                problems.addAll(e.problems());
            }
        }
        return Response.ok(Templates.preview(null, null, null, List.of(), problems))
                .build();
    }

    @ServerExceptionMapper
    public Response notFound(DomainException e) {
        if (e instanceof NotFound) {
            return ErrorPages.page(404, "No such rule", "This rule does not exist in your tenant, or was deleted.");
        }
        return ErrorPages.page(ErrorMappers.status(e), "Not done", e.getMessage());
    }

    private Response save(Long id, RuleFormParams posted) {
        RuleForm form = posted.form();
        List<String> problems = new ArrayList<>();
        RuleDefinition definition = form.definition(problems);
        if (problems.isEmpty()) {
            try {
                RuleView saved =
                        id == null ? store.create(caller(), definition) : store.update(caller(), id, definition);
                String notice = "Saved " + saved.name();
                return Response.seeOther(
                                URI.create("/rules?saved=" + URLEncoder.encode(notice, StandardCharsets.UTF_8)))
                        .build();
            } catch (DomainException e) {
                if (e instanceof NotFound) {
                    throw e;
                }
                problems.addAll(e.problems());
            }
        }
        return Response.status(400)
                .entity(form(id, form, problems, null, posted))
                .build();
    }

    private TemplateInstance form(
            Long id, RuleForm form, List<String> problems, RuleView saved, RuleFormParams posted) {
        // The next full minute, so a call made a moment ago is in the default range.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        String to = posted != null && posted.to != null ? posted.to : LOCAL.format(now.atOffset(ZoneOffset.UTC));
        String from = posted != null && posted.from != null
                ? posted.from
                : LOCAL.format(now.minus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC));
        boolean editable = identity.hasRole(UserRole.ADMIN_NAME);
        return Templates.rule(id, form, problems, from, to, editable, saved);
    }

    private static PreviewFinding previewFinding(Finding f) {
        return new PreviewFinding(
                f.groupKey(),
                f.severity() == null ? "" : f.severity().wire(),
                f.count(),
                Fmt.time(f.firstSeenAt()),
                Fmt.time(f.lastSeenAt()),
                f.message());
    }

    private static Instant instant(String field, String value, Instant fallback, List<String> problems) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDateTime.parse(value.strip(), DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            problems.add(field + ": must be a date and time such as 2026-03-04T10:00 (UTC)");
            return fallback;
        }
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
