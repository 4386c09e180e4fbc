package io.thinkwatch.alerts;

import java.time.Duration;
import java.time.Instant;

import io.thinkwatch.model.Finding;

/**
 * One notification to one channel, the same on every attempt.
 *
 * @param notificationId unique per notification, equal on retries (webhook {@code X-Thinkwatch-Id})
 * @param groupId the finding group (tenant, rule, group key); PagerDuty's {@code dedup_key}
 * @param finding the latest version of the finding when the notification was claimed
 * @param matches matching calls this notification reports
 * @param followUp an earlier notification of this group went out less than {@code window} before
 * @param window the grouping window
 * @param link the finding in the console
 */
public record AlertMessage(
        String notificationId,
        AlertAction action,
        String groupId,
        Finding finding,
        long matches,
        boolean followUp,
        Duration window,
        String link,
        Instant createdAt) {

    /** The one-line count: "12 matching calls", or "and 37 more in the last 10 minutes" for a follow-up. */
    public String countLine() {
        return switch (action) {
            case TEST -> "Test message: this channel works.";
            case RESOLVE -> "Resolved in Thinkwatch.";
            case TRIGGER ->
                followUp
                        ? "and " + matches + " more in the last " + Texts.duration(window)
                        : matches + (matches == 1 ? " matching call" : " matching calls");
        };
    }

    /** "[CRITICAL] rule name: message". */
    public String title() {
        String prefix = action == AlertAction.RESOLVE
                ? "[RESOLVED] "
                : "[" + finding.severity().name() + "] ";
        String name = finding.ruleName() != null ? finding.ruleName() : finding.ruleId();
        return prefix + name + (finding.message() == null ? "" : ": " + finding.message());
    }
}
