package io.thinkwatch.console;

import java.sql.SQLException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.alerts.ChannelRequest;
import io.thinkwatch.alerts.ChannelService;
import io.thinkwatch.alerts.ChannelTester;
import io.thinkwatch.alerts.ChannelView;
import io.thinkwatch.alerts.Deliveries;
import io.thinkwatch.alerts.DeliveryView;
import io.thinkwatch.errors.Invalid;
import io.thinkwatch.security.Caller;
import io.thinkwatch.security.UserRole;

/** {@code /api/v1/channels}: alert channels of the caller's tenant; admins change them, viewers read them. */
@Path("/api/v1/channels")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserRole.VIEWER_NAME)
public class ChannelResource {

    private final ChannelService channels;
    private final ChannelTester tester;
    private final Deliveries deliveries;
    private final SecurityIdentity identity;

    public ChannelResource(
            ChannelService channels, ChannelTester tester, Deliveries deliveries, SecurityIdentity identity) {
        this.channels = channels;
        this.tester = tester;
        this.deliveries = deliveries;
        this.identity = identity;
    }

    @GET
    public List<ChannelView> list() {
        return channels.list(tenant());
    }

    @GET
    @Path("/{id}")
    public ChannelView get(@PathParam("id") long id) {
        return channels.view(channels.find(tenant(), id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(UserRole.ADMIN_NAME)
    public Response create(ChannelRequest request) {
        ChannelView view = channels.create(tenant(), required(request));
        return Response.status(201).entity(view).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(UserRole.ADMIN_NAME)
    public ChannelView update(@PathParam("id") long id, ChannelRequest request) {
        return channels.update(tenant(), id, required(request));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(UserRole.ADMIN_NAME)
    public Response delete(@PathParam("id") long id) {
        channels.delete(tenant(), id);
        return Response.noContent().build();
    }

    /** Sends a sample message now and answers how the receiver took it (200 either way). */
    @POST
    @Path("/{id}/test")
    @RolesAllowed(UserRole.ADMIN_NAME)
    public ChannelTester.TestResult test(@PathParam("id") long id) {
        return tester.test(tenant(), id);
    }

    /** The channel's notifications, newest first, each with every attempt; {@code state} filters. */
    @GET
    @Path("/{id}/deliveries")
    public DeliveryView.Page deliveries(
            @PathParam("id") long id,
            @QueryParam("state") String state,
            @QueryParam("size") @DefaultValue("50") int size)
            throws SQLException {
        channels.find(tenant(), id);
        if (size < 1 || size > 500) {
            throw new Invalid("size must be 1 to 500", List.of("size: must be 1 to 500"));
        }
        if (state != null
                && !List.of("pending", "in_flight", "retry", "sent", "failed").contains(state)) {
            throw new Invalid(
                    "unknown state", List.of("state: must be one of pending, in_flight, retry, sent, failed"));
        }
        return deliveries.of(id, state, size);
    }

    private String tenant() {
        return Caller.of(identity).tenant();
    }

    private static ChannelRequest required(ChannelRequest request) {
        if (request == null) {
            throw new Invalid("a JSON body is required", List.of("body: missing"));
        }
        return request;
    }
}
