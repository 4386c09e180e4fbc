package io.thinkwatch.alerts;

import java.time.Instant;

import io.thinkwatch.model.Finding;

/**
 * The JSON body a generic webhook receives (docs/alerts.md); the same bytes on every retry.
 *
 * @param id the notification id, also in {@code X-Thinkwatch-Id}: a receiver drops an id it has seen
 * @param type {@code finding.triggered}, {@code finding.resolved} or "test"
 * @param groupId the finding group (tenant, rule, group key)
 * @param matches matching calls this notification reports
 * @param followUp true when an earlier notification of the group went out within the window
 * @param text the count as one line, e.g. "and 37 more in the last 10 minutes"
 */
public record WebhookPayload(
        String id,
        AlertAction type,
        Instant createdAt,
        String groupId,
        long matches,
        boolean followUp,
        long windowSeconds,
        String title,
        String text,
        String link,
        Finding finding) {

    static WebhookPayload of(AlertMessage m) {
        return new WebhookPayload(
                m.notificationId(),
                m.action(),
                m.createdAt(),
                m.groupId(),
                m.matches(),
                m.followUp(),
                m.window().toSeconds(),
                m.title(),
                m.countLine(),
                m.link(),
                m.finding());
    }
}
