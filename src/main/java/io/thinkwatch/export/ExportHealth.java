package io.thinkwatch.export;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;

/**
 * The export's account in readiness. Always UP: an endpoint that refuses spans must not take an instance (perhaps also
 * running capture) out of service; {@code state} says {@code failing} while the latest attempts failed.
 */
@Readiness
@ApplicationScoped
public class ExportHealth implements HealthCheck {

    private final Roles roles;
    private final OtlpExport export;

    public ExportHealth(Roles roles, OtlpExport export) {
        this.roles = roles;
        this.export = export;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("thinkwatch-export").up();
        SpanExport.State state = roles.has(Role.EXPORT) ? export.state() : null;
        if (state == null) {
            return response.withData("state", "not running").build();
        }
        return response.withData("state", state.consecutiveFailures() > 0 ? "failing" : "ok")
                .withData("exportedSpans", state.exportedSpans())
                .withData("failedAttempts", state.failedAttempts())
                .withData("consecutiveFailures", state.consecutiveFailures())
                .withData("lastFailure", state.lastFailure() == null ? "none" : state.lastFailure())
                .withData(
                        "lastSuccess",
                        state.lastSuccess() == null
                                ? "none"
                                : state.lastSuccess().toString())
                .build();
    }
}
