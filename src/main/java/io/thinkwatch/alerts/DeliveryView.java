package io.thinkwatch.alerts;

import java.time.Instant;
import java.util.List;

/**
 * One notification of a channel with every attempt, as {@code GET /api/v1/channels/{id}/deliveries} shows it.
 *
 * @param state {@code pending}, {@code in_flight}, {@code retry}, {@code sent} or {@code failed} (gave up)
 */
public record DeliveryView(
        String notificationId,
        String action,
        String state,
        String groupId,
        String findingId,
        long matches,
        boolean followUp,
        int attempts,
        Instant dueAt,
        Instant createdAt,
        Instant sentAt,
        String lastError,
        List<Attempt> attemptLog) {

    /** One attempt: when, the receiver's status, how long it took, what came of it. */
    public record Attempt(
            int attempt, Instant startedAt, Integer statusCode, long latencyMs, String outcome, String error) {}

    /** The answer: notifications newest first, and the channel's latest test messages. */
    public record Page(List<DeliveryView> items, List<Attempt> tests) {}
}
