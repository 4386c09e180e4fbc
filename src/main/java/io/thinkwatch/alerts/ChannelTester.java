package io.thinkwatch.alerts;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Sends a sample notification to a channel right away, outside the outbox, and says how it went. */
@ApplicationScoped
public class ChannelTester {

    /** The answer of {@code POST /api/v1/channels/{id}/test}. */
    public record TestResult(boolean delivered, Integer status, long latencyMs, String error) {
    }

    private final ChannelService channels;
    private final Messages messages;
    private final Senders senders;
    private final Outbox outbox;

    public ChannelTester(ChannelService channels, Messages messages, Senders senders, Outbox outbox) {
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
            return null;
        });
        return new TestResult(result.delivered(), result.status(), result.latencyMs(), result.error());
    }
}
