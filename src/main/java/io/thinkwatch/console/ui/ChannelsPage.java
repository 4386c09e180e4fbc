package io.thinkwatch.console.ui;

import java.net.URI;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
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
import io.thinkwatch.alerts.ChannelKind;
import io.thinkwatch.alerts.ChannelService;
import io.thinkwatch.alerts.ChannelTester;
import io.thinkwatch.alerts.ChannelView;
import io.thinkwatch.alerts.Deliveries;
import io.thinkwatch.alerts.DeliveryView;
import io.thinkwatch.console.ErrorMappers;
import io.thinkwatch.errors.DomainException;
import io.thinkwatch.errors.NotFound;
import io.thinkwatch.security.Caller;
import io.thinkwatch.security.UserRole;

/**
 * Admins manage the tenant's alert channels: create, edit (secrets are write-only: the page shows the API's
 * hints, never the values), send a test message, and read the delivery log. The rules of the settings are the
 * channel service's, so the form shows the same messages as the API.
 */
@Path("/channels")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(UserRole.ADMIN_NAME)
public class ChannelsPage {

    private static final int LOG_SIZE = 50;

    /** An attempt as the delivery log lists it. */
    public record AttemptRow(String at, String outcome, String status, String latency, String error) {}

    /** A notification as the delivery log lists it. */
    public record DeliveryRow(
            String created,
            String action,
            String state,
            String findingId,
            long matches,
            int attempts,
            String lastError) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance channels(List<ChannelView> channels, List<String> kinds);

        static native TemplateInstance channel(
                ChannelView saved,
                ChannelForm form,
                List<ChannelForm.Field> fields,
                List<String> problems,
                String notice,
                String signingSecret,
                List<AttemptRow> tests,
                List<DeliveryRow> deliveries);
    }

    private final ChannelService channels;
    private final ChannelTester tester;
    private final Deliveries deliveries;
    private final SecurityIdentity identity;

    public ChannelsPage(
            ChannelService channels, ChannelTester tester, Deliveries deliveries, SecurityIdentity identity) {
        this.channels = channels;
        this.tester = tester;
        this.deliveries = deliveries;
        this.identity = identity;
    }

    @GET
    public TemplateInstance list() {
        return Templates.channels(channels.list(tenant()), kinds());
    }

    @GET
    @Path("/new")
    public Response create(@QueryParam("kind") String kind) {
        if (ChannelKind.fromWire(kind) == null) {
            return ErrorPages.page(400, "Unknown kind", "Pick a kind of channel: " + String.join(", ", kinds()) + ".");
        }
        ChannelForm form = ChannelForm.empty(kind);
        return Response.ok(
                        Templates.channel(null, form, form.fields(null), List.of(), null, null, List.of(), List.of()))
                .build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@BeanParam ChannelFormParams posted) {
        ChannelForm form = posted.form(null);
        List<String> problems = new ArrayList<>();
        var request = form.request(true, problems);
        if (problems.isEmpty()) {
            try {
                ChannelView created = channels.create(tenant(), request);
                if (created.signingSecret() != null) {
                    // Shown once, now: the page cannot be reloaded into showing it again.
                    return page(
                            created,
                            ChannelForm.of(created),
                            List.of(),
                            "Created " + created.name(),
                            created.signingSecret(),
                            201);
                }
                return Response.seeOther(URI.create("/channels/" + created.id() + "?notice=created"))
                        .build();
            } catch (DomainException e) {
                problems.addAll(e.problems());
            }
        }
        return Response.status(400)
                .entity(Templates.channel(null, form, form.fields(null), problems, null, null, List.of(), List.of()))
                .build();
    }

    @GET
    @Path("/{id: \\d+}")
    public Response show(@PathParam("id") long id, @QueryParam("notice") String notice) {
        ChannelView channel = channels.view(channels.find(tenant(), id));
        return page(channel, ChannelForm.of(channel), List.of(), notice(notice), null, 200);
    }

    @POST
    @Path("/{id: \\d+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") long id, @BeanParam ChannelFormParams posted) {
        ChannelView stored = channels.view(channels.find(tenant(), id));
        ChannelForm form = posted.form(stored.kind());
        List<String> problems = new ArrayList<>();
        var request = form.request(false, problems);
        if (problems.isEmpty()) {
            try {
                channels.update(tenant(), id, request);
                return Response.seeOther(URI.create("/channels/" + id + "?notice=saved"))
                        .build();
            } catch (DomainException e) {
                problems.addAll(e.problems());
            }
        }
        return page(stored, form, problems, null, null, 400);
    }

    /** Sends a sample message now; the delivery log on the page it leads to shows how the receiver took it. */
    @POST
    @Path("/{id: \\d+}/test")
    public Response test(@PathParam("id") long id) {
        ChannelTester.TestResult result = tester.test(tenant(), id);
        return Response.seeOther(
                        URI.create("/channels/" + id + "?notice=" + (result.delivered() ? "test-ok" : "test-failed")))
                .build();
    }

    @ServerExceptionMapper
    public Response missing(DomainException e) {
        if (e instanceof NotFound) {
            return ErrorPages.page(
                    404, "No such channel", "This channel does not exist in your tenant, or was deleted.");
        }
        return ErrorPages.page(ErrorMappers.status(e), "Not done", e.getMessage());
    }

    private Response page(
            ChannelView channel,
            ChannelForm form,
            List<String> problems,
            String notice,
            String signingSecret,
            int status) {
        DeliveryView.Page log;
        try {
            log = deliveries.of(channel.id(), null, LOG_SIZE);
        } catch (SQLException e) {
            throw new IllegalStateException("the delivery log cannot be read", e);
        }
        List<AttemptRow> tests = log.tests().stream().map(ChannelsPage::attempt).toList();
        List<DeliveryRow> rows = log.items().stream()
                .map(d -> new DeliveryRow(
                        Fmt.time(d.createdAt()),
                        d.action(),
                        d.state(),
                        d.findingId(),
                        d.matches(),
                        d.attempts(),
                        d.lastError() == null ? "" : d.lastError()))
                .toList();
        return Response.status(status)
                .entity(Templates.channel(
                        channel, form, form.fields(channel.secrets()), problems, notice, signingSecret, tests, rows))
                .build();
    }

    private static AttemptRow attempt(DeliveryView.Attempt a) {
        return new AttemptRow(
                Fmt.time(a.startedAt()),
                a.outcome(),
                a.statusCode() == null ? Fmt.NONE : a.statusCode().toString(),
                Fmt.millis(a.latencyMs()),
                a.error() == null ? "" : a.error());
    }

    private static String notice(String code) {
        if (code == null) {
            return null;
        }
        return switch (code) {
            case "created" -> "Channel created";
            case "saved" -> "Channel saved";
            case "test-ok" -> "Test message delivered";
            case "test-failed" -> "The test message was not delivered; the log below says why";
            default -> null;
        };
    }

    private static List<String> kinds() {
        return Arrays.stream(ChannelKind.values()).map(ChannelKind::wire).toList();
    }

    private String tenant() {
        return Caller.of(identity).tenant();
    }
}
