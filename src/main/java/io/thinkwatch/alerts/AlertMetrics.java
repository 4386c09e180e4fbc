package io.thinkwatch.alerts;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The alerts role's meters (docs/operations.md). */
@ApplicationScoped
public class AlertMetrics {

    private final MeterRegistry registry;
    private final Counter gaveUp;
    private final Counter sent;
    private final Timer delay;

    public AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.gaveUp = registry.counter("thinkwatch.alerts.notifications", "outcome", "gave_up");
        this.sent = registry.counter("thinkwatch.alerts.notifications", "outcome", "sent");
        this.delay = Timer.builder("thinkwatch.alerts.delivery.delay")
                .description("From the first matching call of a finding to its first notification being delivered")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
    }

    void attempt(Outbox.Outcome outcome, String kind) {
        registry.counter("thinkwatch.alerts.attempts", "outcome", outcome.wire(), "kind", kind)
                .increment();
    }

    void sent() {
        sent.increment();
    }

    void gaveUp() {
        gaveUp.increment();
    }

    void delay(Duration duration) {
        delay.record(duration);
    }

    void findingSkipped(String reason) {
        registry.counter("thinkwatch.alerts.findings.skipped", "reason", reason).increment();
    }
}
