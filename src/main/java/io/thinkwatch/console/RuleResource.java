package io.thinkwatch.console;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.errors.Invalid;
import io.thinkwatch.rules.Backtest;
import io.thinkwatch.rules.RuleFiles;
import io.thinkwatch.rules.RuleStore;
import io.thinkwatch.rules.RuleView;
import io.thinkwatch.security.Caller;
import io.thinkwatch.security.UserRole;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code /api/v1/rules}: the caller's tenant's rules; admins write, viewers read. */
@Path("/api/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserRole.VIEWER_NAME)
public class RuleResource {

    static final String YAML = "application/yaml";

    private final RuleStore store;
    private final RuleFiles files;
    private final Backtest backtest;
    private final SecurityIdentity identity;

    public RuleResource(RuleStore store, ObjectMapper mapper, Backtest backtest, SecurityIdentity identity) {
        this.store = store;
        this.files = new RuleFiles(mapper);
        this.backtest = backtest;
        this.identity = identity;
    }

    @GET
    public Map<String, List<RuleView>> list() {
        return Map.of("items", store.list(caller().tenant()));
    }

    @GET
    @Path("/{id: \\d+}")
    public RuleView get(@PathParam("id") long id) {
        return store.get(caller().tenant(), id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(UserRole.ADMIN_NAME)
    public Response create(JsonNode body) {
        RuleView created = store.create(caller(), files.definition(body));
        return Response.created(URI.create("/api/v1/rules/" + created.id()))
                .entity(created)
                .build();
    }

    @PUT
    @Path("/{id: \\d+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(UserRole.ADMIN_NAME)
    public RuleView update(@PathParam("id") long id, JsonNode body) {
        return store.update(caller(), id, files.definition(body));
    }

    @DELETE
    @Path("/{id: \\d+}")
    @RolesAllowed(UserRole.ADMIN_NAME)
    public Response delete(@PathParam("id") long id) {
        store.delete(caller(), id);
        return Response.noContent().build();
    }

    /** All rules of the tenant as a rule file ({@code format=yaml}, the default, or {@code json}). */
    @GET
    @Path("/export")
    @Produces({YAML, MediaType.APPLICATION_JSON})
    public Response export(@QueryParam("format") String format) {
        RuleFiles.Format chosen = format(format == null ? "yaml" : format);
        String extension = chosen == RuleFiles.Format.YAML ? "yaml" : "json";
        return Response.ok(files.write(store.export(caller().tenant()), chosen))
                .type(chosen == RuleFiles.Format.YAML ? YAML : MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"thinkwatch-rules." + extension + "\"")
                .build();
    }

    /** Creates or replaces, by name, every rule of a rule file (YAML or JSON by content type); all or nothing. */
    @POST
    @Path("/import")
    @Consumes({YAML, "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON})
    @RolesAllowed(UserRole.ADMIN_NAME)
    public RuleStore.ImportResult importRules(String body, @HeaderParam("Content-Type") String contentType) {
        RuleFiles.Format format =
                contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")
                        ? RuleFiles.Format.JSON
                        : RuleFiles.Format.YAML;
        return store.importRules(caller(), files.parse(body, format));
    }

    /** What this saved rule would have flagged over the stored traces of {@code from..to} (default: the last 24 h). */
    @POST
    @Path("/{id: \\d+}/backtest")
    @RolesAllowed(UserRole.REVIEWER_NAME)
    public Backtest.Result backtest(
            @PathParam("id") long id, @QueryParam("from") String from, @QueryParam("to") String to) {
        Instant end = instant("to", to, Instant.now());
        return backtest.run(
                store.compiled(caller().tenant(), id), instant("from", from, end.minus(Duration.ofDays(1))), end);
    }

    /** The same for a rule that is not saved yet, given as the body. */
    @POST
    @Path("/backtest")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(UserRole.REVIEWER_NAME)
    public Backtest.Result backtestDraft(JsonNode body, @QueryParam("from") String from, @QueryParam("to") String to) {
        Instant end = instant("to", to, Instant.now());
        return backtest.run(
                RuleStore.draft(caller().tenant(), files.definition(body)),
                instant("from", from, end.minus(Duration.ofDays(1))),
                end);
    }

    private static Instant instant(String name, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            String detail = name + ": must be an ISO-8601 instant such as 2025-03-04T10:00:00Z";
            throw Invalid.of(detail);
        }
    }

    private static RuleFiles.Format format(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "yaml", "yml" -> RuleFiles.Format.YAML;
            case "json" -> RuleFiles.Format.JSON;
            default -> throw new Invalid("format: must be yaml or json", List.of("format: must be yaml or json"));
        };
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
