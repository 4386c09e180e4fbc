package io.thinkwatch.capture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;

/**
 * Capture's readiness. Always UP while capture runs, because capture keeps serving applications without Kafka:
 * {@code state} says {@code degraded} while traces go to the spool (Kafka away) or are dropped (spool full),
 * so a sidecar is never taken out of service for a Kafka outage.
 */
@Readiness
@ApplicationScoped
public class CaptureHealth implements HealthCheck {

    private final Roles roles;
    private final Instance<TracePublisher> publisher;

    public CaptureHealth(Roles roles, Instance<TracePublisher> publisher) {
        this.roles = roles;
        this.publisher = publisher;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("thinkwatch-capture").up();
        if (!roles.has(Role.CAPTURE)) {
            return response.withData("state", "not running").build();
        }
        TracePublisher.State state = publisher.get().state();
        return response.withData("state", state.spooling() || state.spoolFull() ? "degraded" : "ok")
                .withData("kafka", state.spooling() ? "unreachable, spooling" : "ok")
                .withData("spoolFull", state.spoolFull())
                .withData("spoolRecords", state.spoolRecords())
                .withData("spoolBytes", state.spoolBytes())
                .withData("droppedTraces", (long) state.dropped())
                .build();
    }
}
