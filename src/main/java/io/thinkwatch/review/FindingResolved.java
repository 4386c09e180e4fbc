package io.thinkwatch.review;

/**
 * Fired (CDI event) by the review workflow when a finding becomes resolved or a false positive, inside the
 * transaction of that move, so a transactional observer acts exactly when it commits (alerts queues PagerDuty
 * resolves for the channels that were paged for the finding's group).
 */
public record FindingResolved(String tenant, String findingId) {}
