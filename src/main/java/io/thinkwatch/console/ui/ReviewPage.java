package io.thinkwatch.console.ui;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.apache.commons.lang3.StringUtils;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.console.ErrorMappers;
import io.thinkwatch.errors.DomainException;
import io.thinkwatch.errors.Invalid;
import io.thinkwatch.errors.NotFound;
import io.thinkwatch.review.FindingQuery;
import io.thinkwatch.review.FindingState;
import io.thinkwatch.review.FindingView;
import io.thinkwatch.review.ReviewService;
import io.thinkwatch.rules.RuleStore;
import io.thinkwatch.security.Caller;
import io.thinkwatch.security.UserRole;
import io.thinkwatch.security.UserService;

/**
 * The review queue: findings filtered by state, severity, rule and assignee; one finding with its history; and
 * the moves reviewers make (acknowledge, resolve, false positive, reopen, assign, note), one by one or in bulk.
 * Viewers read; the forms post to methods only reviewers and admins may call.
 */
@Path("/review")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(UserRole.VIEWER_NAME)
public class ReviewPage {

    static final int PAGE_SIZE = 50;
    static final int MAX_NOTE = 4_000;
    private static final Pattern BACK = Pattern.compile("(\\?[^\\s]*)?");

    /** A rule as the filter offers it. */
    public record RuleChoice(String id, String name) {}

    /** What a bulk action did: how many findings moved, how many were skipped, and the words for the move. */
    public record BulkResult(int done, int skipped, String action) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance queue(
                QueueFilter filter,
                ReviewService.Page page,
                List<RuleChoice> rules,
                List<String> assignees,
                boolean canAct,
                BulkResult bulk,
                List<String> problems);

        static native TemplateInstance finding(
                FindingView f,
                FindingEvidence.Shown monitor,
                List<FindingAction> actions,
                List<String> assignees,
                boolean canAct,
                String done,
                String problem);
    }

    private final ReviewService reviews;
    private final RuleStore rules;
    private final UserService users;
    private final SecurityIdentity identity;
    private final FindingEvidence evidence;

    public ReviewPage(
            ReviewService reviews,
            RuleStore rules,
            UserService users,
            SecurityIdentity identity,
            FindingEvidence evidence) {
        this.evidence = evidence;
        this.reviews = reviews;
        this.rules = rules;
        this.users = users;
        this.identity = identity;
    }

    @GET
    public Response queue(@Context UriInfo uri) {
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        QueueFilter filter = QueueFilter.of(params::getFirst);
        BulkResult bulk = bulk(params);
        try {
            FindingQuery query = FindingQuery.parse(
                    filter.apiState(),
                    filter.severity(),
                    filter.rule(),
                    null,
                    null,
                    null,
                    PAGE_SIZE,
                    filter.after(),
                    filter.apiAssignee(caller().name()),
                    filter.isUnassigned() ? Boolean.TRUE : null);
            ReviewService.Page page = reviews.page(caller().tenant(), query);
            return Response.ok(Templates.queue(filter, page, rules(), assignees(), canAct(), bulk, List.of()))
                    .build();
        } catch (Invalid e) {
            return Response.status(400)
                    .entity(Templates.queue(
                            filter,
                            new ReviewService.Page(0, List.of(), null),
                            rules(),
                            assignees(),
                            canAct(),
                            bulk,
                            e.details()))
                    .build();
        }
    }

    /** No transaction of its own: a missing finding must not mark one rolled back before its 404 page. */
    @GET
    @Path("/{id}")
    public Response finding(@PathParam("id") String id, @QueryParam("done") String done) {
        String doneText = done == null
                ? null
                : FindingAction.ALL.stream()
                        .map(FindingAction::state)
                        .filter(done::equals)
                        .findFirst()
                        .map(FindingAction::done)
                        .orElse("assign".equals(done) ? "assigned" : "note".equals(done) ? "noted" : null);
        return page(id, 200, doneText, null);
    }

    @POST
    @Path("/{id}/transition")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(UserRole.REVIEWER_NAME)
    public Response transition(
            @PathParam("id") String id, @FormParam("state") String state, @FormParam("note") String note) {
        FindingState to = FindingState.fromWire(state);
        if (to == null) {
            return page(
                    id,
                    400,
                    null,
                    "Choose what to do with the finding: acknowledge, resolve, mark false " + "positive or reopen.");
        }
        return act(id, state, () -> reviews.transition(caller(), id, to, checkedNote(note)));
    }

    @POST
    @Path("/{id}/assign")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(UserRole.REVIEWER_NAME)
    public Response assign(
            @PathParam("id") String id, @FormParam("assignee") String assignee, @FormParam("note") String note) {
        return act(
                id, "assign", () -> reviews.assign(caller(), id, StringUtils.stripToNull(assignee), checkedNote(note)));
    }

    @POST
    @Path("/{id}/note")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(UserRole.REVIEWER_NAME)
    public Response note(@PathParam("id") String id, @FormParam("note") String note) {
        if (note == null || note.isBlank()) {
            return page(id, 400, null, "Note: write something to add.");
        }
        return act(id, "note", () -> reviews.note(caller(), id, checkedNote(note)));
    }

    /** Applies one move to every chosen finding; a finding whose state does not allow it is skipped. */
    @POST
    @Path("/bulk")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(UserRole.REVIEWER_NAME)
    public Response bulk(
            @FormParam("ids") List<String> ids,
            @FormParam("action") String action,
            @FormParam("assignee") String assignee,
            @FormParam("note") String note,
            @FormParam("back") String back) {
        String returnTo = back != null && BACK.matcher(back).matches() ? back : "";
        FindingState to = FindingState.fromWire(action);
        boolean assigning = "assign".equals(action);
        if (ids == null || ids.isEmpty() || (to == null && !assigning) || (note != null && note.length() > MAX_NOTE)) {
            return Response.seeOther(
                            URI.create("/review" + returnTo + (returnTo.isEmpty() ? "?" : "&") + "bulkError=true"))
                    .build();
        }
        int done = 0;
        for (String id : ids) {
            try {
                if (assigning) {
                    reviews.assign(caller(), id, StringUtils.stripToNull(assignee), StringUtils.stripToNull(note));
                } else {
                    reviews.transition(caller(), id, to, StringUtils.stripToNull(note));
                }
                done++;
            } catch (DomainException e) {
                // A finding another reviewer moved meanwhile, or one whose state does not allow the move: skipped.
            }
        }
        return Response.seeOther(URI.create("/review" + returnTo + (returnTo.isEmpty() ? "?" : "&") + "done=" + done
                        + "&skipped=" + (ids.size() - done) + "&action=" + action))
                .build();
    }

    private Response act(String id, String done, Runnable move) {
        try {
            move.run();
        } catch (DomainException e) {
            String reason = String.join("; ", e.problems());
            return page(id, ErrorMappers.status(e), null, "Not done: " + e.getMessage() + " (" + reason + ").");
        }
        return Response.seeOther(URI.create("/review/" + Fmt.segment(id) + "?done=" + done))
                .build();
    }

    private Response page(String id, int status, String done, String problem) {
        FindingView view;
        try {
            view = reviews.get(caller().tenant(), id);
        } catch (NotFound e) {
            return ErrorPages.page(404, "No such finding", "No finding with the id " + id + " exists in your tenant.");
        }
        List<FindingAction> actions = FindingAction.from(view.state());
        return Response.status(status)
                .entity(Templates.finding(view, evidence.of(view), actions, assignees(), canAct(), done, problem))
                // Quoted evidence is captured text: not to linger in caches
                .header("Cache-Control", "no-store")
                .build();
    }

    private static BulkResult bulk(MultivaluedMap<String, String> params) {
        if ("true".equals(params.getFirst("bulkError"))) {
            return new BulkResult(0, 0, null);
        }
        String action = params.getFirst("action");
        String words = "assign".equals(action)
                ? "assigned"
                : FindingAction.ALL.stream()
                        .map(FindingAction::state)
                        .filter(s -> s.equals(action))
                        .findFirst()
                        .map(FindingAction::done)
                        .orElse(null);
        if (words == null) {
            return null;
        }
        return new BulkResult(number(params.getFirst("done")), number(params.getFirst("skipped")), words);
    }

    private static int number(String value) {
        try {
            return value == null ? 0 : Math.max(0, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String checkedNote(String note) {
        String value = StringUtils.stripToNull(note);
        if (value != null && value.length() > MAX_NOTE) {
            throw new Invalid("note too long", List.of("note: must be at most " + MAX_NOTE + " characters"));
        }
        return value;
    }

    private List<RuleChoice> rules() {
        return rules.list(caller().tenant()).stream()
                .map(r -> new RuleChoice(String.valueOf(r.id()), r.name()))
                .toList();
    }

    /** The people findings can be assigned to: the tenant's reviewers and admins. */
    private List<String> assignees() {
        return users.assignees(caller().tenant());
    }

    private boolean canAct() {
        return identity.hasRole(UserRole.REVIEWER_NAME);
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
