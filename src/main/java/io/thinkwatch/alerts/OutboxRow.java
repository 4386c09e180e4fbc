package io.thinkwatch.alerts;

import java.time.Instant;

/** A claimed notification: what the dispatcher needs to build and send it, and to record the outcome. */
record OutboxRow(
        long id,
        String notificationId,
        long channelId,
        String tenant,
        String groupId,
        AlertAction action,
        String findingJson,
        long matches,
        boolean followUp,
        int attempts,
        Instant createdAt) {}
