package io.thinkwatch.console;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.thinkwatch.platform.ApiError;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;

/** Answers the console API and pages with 404 on an instance that does not run the console role. */
public class ConsoleRoleFilter {

    private final Roles roles;

    public ConsoleRoleFilter(Roles roles) {
        this.roles = roles;
    }

    @ServerRequestFilter(preMatching = true)
    public Response onlyWithConsole() {
        if (roles.has(Role.CONSOLE)) {
            return null;
        }
        return Response.status(404)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of("not_found", "this Thinkwatch instance does not run the console role"))
                .build();
    }
}
