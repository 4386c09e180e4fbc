package io.thinkwatch.console.ui;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.security.AuditLog;
import io.thinkwatch.security.Caller;
import io.thinkwatch.security.User;
import io.thinkwatch.security.UserRole;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Admins list the users of their tenant and add new ones with a role. */
@Path("/users")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(UserRole.ADMIN_NAME)
public class UsersPage {

    private static final Logger LOG = Logger.getLogger(UsersPage.class);

    /** A user as listed: no password hash leaves the database layer. */
    public record Row(String username, String role, String created) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance users(List<Row> users, NewUser form, List<String> problems, String created);
    }

    private final SecurityIdentity identity;
    private final AuditLog audit;

    public UsersPage(SecurityIdentity identity, AuditLog audit) {
        this.identity = identity;
        this.audit = audit;
    }

    @GET
    @Transactional
    public TemplateInstance list(@QueryParam("created") String created) {
        return Templates.users(rows(), NewUser.empty(), List.of(), created);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response create(@FormParam("username") String username, @FormParam("password") String password,
            @FormParam("role") String role) {
        NewUser form = new NewUser(username == null ? "" : username.trim(), password, role);
        List<String> problems = new ArrayList<>(form.problems());
        if (problems.isEmpty() && User.findByUsername(form.username()).isPresent()) {
            problems.add("User name: '" + form.username() + "' is taken");
        }
        if (!problems.isEmpty()) {
            NewUser redisplay = new NewUser(form.username(), "", form.role());
            return Response.status(400).entity(Templates.users(rows(), redisplay, problems, null)).build();
        }
        User.create(tenant(), form.username(), form.password(), form.chosenRole());
        audit.record(tenant(), "user.create", "user", form.username(), AuditLog.detail("role", form.role()));
        LOG.infof("Admin '%s' added the %s '%s'", identity.getPrincipal().getName(), form.role(), form.username());
        String created = URLEncoder.encode(form.username(), StandardCharsets.UTF_8);
        return Response.seeOther(URI.create("/users?created=" + created)).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ErrorPages.forbidden();
    }

    private List<Row> rows() {
        List<User> users = User.list("tenant = ?1 order by username", tenant());
        return users.stream().map(u -> new Row(u.username, u.role, Fmt.time(u.createdAt))).toList();
    }

    private String tenant() {
        return Caller.of(identity).tenant();
    }
}
