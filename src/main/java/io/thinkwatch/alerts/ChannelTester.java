package io.thinkwatch.alerts;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.thinkwatch.security.AuditLog;

/** Sends a sample notification to a channel right away, outside the outbox, and says how it went. */
@ApplicationScoped
public class ChannelTester {

    /** The answer of {@code POST /api/v1/channels/{id}/test}. */
    public record TestResult(boolean delivered, Integer status, long latencyMs, String error) {}

    private final ChannelService channels;
    private final Messages messages;
    private final Senders senders;
    private final Outbox outbox;
    private final AuditLog audit;

    public ChannelTester(ChannelService channels, Messages messages, Senders senders, Outbox outbox, AuditLog audit) {
        this.audit = audit;
        this.channels = channels;
        this.messages = messages;
        this.senders = senders;
        this.outbox = outbox;
    }

    public TestResult test(String tenant, long channelId) {
        ChannelTarget target = channels.target(channels.find(tenant, channelId));
        Instant started = Instant.now();
        SendResult result = senders.send(messages.sample(target), target);
        QuarkusTransaction.requiringNew().call(() -> {
            outbox.insertAttempt(null, target.id(), 1, started, result, result.delivered() ? "test_ok" : "test_fail");
            audit.record(
                    tenant,
                    "channel.test",
                    "channel",
                    Long.toString(channelId),
                    AuditLog.detail("name", target.name(), "delivered", result.delivered(), "status", result.status()));
            return null;
        });
        return new TestResult(result.delivered(), result.status(), result.latencyMs(), result.error());
    }
}
