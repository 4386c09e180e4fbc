package io.thinkwatch.alerts;

/**
 * Fired (CDI event) when a reviewer resolves a finding in the console: PagerDuty channels that were paged for
 * its group get a {@code resolve}. The review workflow fires it inside its transaction, so the resolve is
 * queued exactly when the transition commits: {@code resolvedEvents.fire(new FindingResolved(tenant, id))}.
 */
public record FindingResolved(String tenant, String findingId) {
}
