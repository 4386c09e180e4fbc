package io.thinkwatch.console.ui;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
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
import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.errors.Conflict;
import io.thinkwatch.security.Caller;
import io.thinkwatch.security.UserRole;
import io.thinkwatch.security.UserService;

/** Admins list the users of their tenant and add new ones with a role. */
@Path("/users")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(UserRole.ADMIN_NAME)
public class UsersPage {

    /** A user as listed. */
    public record Row(String username, String role, String created) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance users(List<Row> users, NewUser form, List<String> problems, String created);
    }

    private final SecurityIdentity identity;
    private final UserService users;

    public UsersPage(SecurityIdentity identity, UserService users) {
        this.identity = identity;
        this.users = users;
    }

    @GET
    public TemplateInstance list(@QueryParam("created") String created) {
        return Templates.users(rows(), NewUser.empty(), List.of(), created);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(
            @FormParam("username") String username,
            @FormParam("password") String password,
            @FormParam("role") String role) {
        NewUser form = new NewUser(username == null ? "" : username.trim(), password, role);
        List<String> problems = new ArrayList<>(form.problems());
        if (problems.isEmpty()) {
            try {
                users.add(Caller.of(identity), form.username(), form.password(), form.chosenRole());
            } catch (Conflict e) {
                problems.add("User name: '" + form.username() + "' is taken");
            }
        }
        if (!problems.isEmpty()) {
            NewUser redisplay = new NewUser(form.username(), "", form.role());
            return Response.status(400)
                    .entity(Templates.users(rows(), redisplay, problems, null))
                    .build();
        }
        String created = URLEncoder.encode(form.username(), StandardCharsets.UTF_8);
        return Response.seeOther(URI.create("/users?created=" + created)).build();
    }

    private List<Row> rows() {
        return users.list(Caller.of(identity).tenant()).stream()
                .map(u -> new Row(u.username(), u.role(), Fmt.time(u.createdAt())))
                .toList();
    }
}
