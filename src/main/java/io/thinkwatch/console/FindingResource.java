package io.thinkwatch.console;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.errors.Invalid;
import io.thinkwatch.review.FindingQuery;
import io.thinkwatch.review.FindingState;
import io.thinkwatch.review.FindingView;
import io.thinkwatch.review.ReviewService;
import io.thinkwatch.security.Caller;
import io.thinkwatch.security.UserRole;

/** {@code /api/v1/findings}: the review queue of the caller's tenant; reviewers work it, viewers read it. */
@Path("/api/v1/findings")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserRole.VIEWER_NAME)
public class FindingResource {

    static final int MAX_NOTE = 4_000;
    static final int MAX_ASSIGNEE = 200;

    /** Body of a transition. */
    public record Transition(String state, String note) {}

    /** Body of an assignment; a null or blank assignee unassigns. */
    public record Assignment(String assignee, String note) {}

    /** Body of a note. */
    public record Note(String note) {}

    private final ReviewService reviews;
    private final SecurityIdentity identity;

    public FindingResource(ReviewService reviews, SecurityIdentity identity) {
        this.reviews = reviews;
        this.identity = identity;
    }

    @GET
    public ReviewService.Page list(
            @QueryParam("state") String state,
            @QueryParam("severity") String severity,
            @QueryParam("rule") String rule,
            @QueryParam("app") String app,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("size") Integer size,
            @QueryParam("after") String after,
            @QueryParam("assignee") String assignee,
            @QueryParam("unassigned") Boolean unassigned) {
        return reviews.page(
                caller().tenant(),
                FindingQuery.parse(state, severity, rule, app, from, to, size, after, assignee, unassigned));
    }

    @GET
    @Path("/{id}")
    public FindingView get(@PathParam("id") String id) {
        return reviews.get(caller().tenant(), id);
    }

    @POST
    @Path("/{id}/transition")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(UserRole.REVIEWER_NAME)
    public FindingView transition(@PathParam("id") String id, Transition body) {
        if (body == null || body.state() == null) {
            throw Invalid.of("state: is required; one of open, acknowledged, confirmed, resolved, false_positive");
        }
        FindingState to = FindingState.fromWire(body.state());
        if (to == null) {
            throw Invalid.of("state: '" + body.state()
                    + "' is not one of open, acknowledged, confirmed, resolved, false_positive");
        }
        return reviews.transition(caller(), id, to, note(body.note(), false));
    }

    @POST
    @Path("/{id}/assign")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(UserRole.REVIEWER_NAME)
    public FindingView assign(@PathParam("id") String id, Assignment body) {
        String assignee =
                body == null || body.assignee() == null || body.assignee().isBlank()
                        ? null
                        : body.assignee().strip();
        if (assignee != null && assignee.length() > MAX_ASSIGNEE) {
            throw Invalid.of("assignee: must be at most " + MAX_ASSIGNEE + " characters");
        }
        return reviews.assign(caller(), id, assignee, note(body == null ? null : body.note(), false));
    }

    @POST
    @Path("/{id}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(UserRole.REVIEWER_NAME)
    public FindingView note(@PathParam("id") String id, Note body) {
        return reviews.note(caller(), id, note(body == null ? null : body.note(), true));
    }

    private static String note(String note, boolean required) {
        if (note == null || note.isBlank()) {
            if (required) {
                throw Invalid.of("note: is required");
            }
            return null;
        }
        if (note.length() > MAX_NOTE) {
            throw Invalid.of("note: must be at most " + MAX_NOTE + " characters");
        }
        return note;
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
