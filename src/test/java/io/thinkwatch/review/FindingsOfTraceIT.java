package io.thinkwatch.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.thinkwatch.model.Finding;
import io.thinkwatch.model.FindingIds;
import io.thinkwatch.model.RuleKind;
import io.thinkwatch.model.Severity;
import io.thinkwatch.model.Unit;

/** The findings of one trace (the trace page's list), found in PostgreSQL by the trace ids they store. */
@QuarkusTest
class FindingsOfTraceIT {

    private final Instant window = Instant.parse("2025-03-04T10:00:00Z");

    @Inject
    ReviewService store;

    @Test
    void aTracesFindingsAreTheTenantsThatListItAndNoOthers() {
        // Given findings of two tenants: two list the trace, one lists a trace whose id contains it, one of the
        // other tenant lists it too
        String tenant = "trace-it-" + UUID.randomUUID();
        String other = "trace-it-" + UUID.randomUUID();
        String trace = "t-" + UUID.randomUUID();
        Finding older = finding(tenant, "older", 1, List.of("t-a", trace));
        Finding newer = finding(tenant, "newer", 5, List.of(trace));
        Finding similar = finding(tenant, "similar", 9, List.of(trace + "-2", "x" + trace));
        Finding othersTenant = finding(other, "other", 7, List.of(trace));
        QuarkusTransaction.requiringNew()
                .run(() -> List.of(older, newer, similar, othersTenant).forEach(store::upsert));

        // When the trace's findings are asked for as the tenant
        List<FindingView> found = store.forTrace(tenant, trace);

        // Then they are the two that list it, newest first
        assertThat(found)
                .extracting(view -> view.finding().findingId())
                .containsExactly(newer.findingId(), older.findingId());
    }

    private Finding finding(String tenant, String rule, int minute, List<String> traces) {
        Instant seen = window.plusSeconds(60L * minute);
        return new Finding(
                FindingIds.of(rule, tenant, window),
                tenant,
                rule,
                "rule " + rule,
                RuleKind.BUDGET_EXHAUSTED,
                Severity.WARNING,
                "app=checkout",
                window,
                window.plusSeconds(3600),
                seen,
                seen,
                traces.size(),
                traces,
                "checkout",
                "o3",
                4000.0,
                4000.0,
                Unit.TOKENS,
                4000L,
                4000L,
                null,
                "output budget exhausted",
                List.of());
    }
}
