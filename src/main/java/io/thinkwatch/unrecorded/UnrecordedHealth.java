package io.thinkwatch.unrecorded;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;

/**
 * Calls capture forwarded without recording them in the last hour, every instance and tenant, in the console's
 * health: always UP (an unknown route is the operator's to look at, not a reason to take the console out of
 * service), with the number of calls and the {@value #SHOWN} busiest shapes.
 */
@Readiness
@ApplicationScoped
public class UnrecordedHealth implements HealthCheck {

    static final int SHOWN = 5;

    private final Roles roles;
    private final UnrecordedCalls calls;

    public UnrecordedHealth(Roles roles, UnrecordedCalls calls) {
        this.roles = roles;
        this.calls = calls;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("thinkwatch-unrecorded-calls").up();
        if (!roles.has(Role.CONSOLE)) {
            return response.withData("state", "not running").build();
        }
        List<UnrecordedCalls.Shape> shapes = calls.lastHourAllTenants();
        response.withData(
                "callsLastHour",
                shapes.stream().mapToLong(UnrecordedCalls.Shape::calls).sum());
        shapes.stream().limit(SHOWN).forEach(s -> response.withData(s.method() + " " + s.shape(), s.calls()));
        return response.build();
    }
}
