package io.thinkwatch.monitor.judge;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.Tuple;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;

/**
 * Tenants whose model judge stopped for today's budget, in the console's and the monitor's health: always UP (a
 * spent budget is the tenant's to raise, not a reason to take an instance out of service), with the number of
 * such tenants and what ran out ({@code tokens} or {@code money}).
 */
@Readiness
@ApplicationScoped
public class JudgeBudgetHealth implements HealthCheck {

    private final Roles roles;
    /** Looked up only where the console or monitor runs: a capture-only instance has no database (CaptureOnlyIT). */
    private final Instance<SpendLedger> ledger;

    public JudgeBudgetHealth(Roles roles, Instance<SpendLedger> ledger) {
        this.roles = roles;
        this.ledger = ledger;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("thinkwatch-monitor-judge").up();
        if (!roles.has(Role.CONSOLE) && !roles.has(Role.MONITOR)) {
            return response.withData("state", "not running").build();
        }
        List<Tuple> exhausted = ledger.get().exhaustedToday(LocalDate.now(ZoneOffset.UTC));
        // Counts only: health is read without a tenant; each tenant sees its own in GET /api/v1/monitor/judge
        response.withData("budgetExhaustedTenants", exhausted.size());
        response.withData(
                "outOfTokens",
                exhausted.stream()
                        .filter(row -> "tokens".equals(row.get(1, String.class)))
                        .count());
        response.withData(
                "outOfMoney",
                exhausted.stream()
                        .filter(row -> "money".equals(row.get(1, String.class)))
                        .count());
        return response.build();
    }
}
