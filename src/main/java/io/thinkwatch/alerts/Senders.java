package io.thinkwatch.alerts;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/** The sender of each channel kind; every kind has exactly one. */
@ApplicationScoped
public class Senders {

    private final Map<ChannelKind, ChannelSender> byKind = new EnumMap<>(ChannelKind.class);

    public Senders(Instance<ChannelSender> senders) {
        senders.forEach(sender -> byKind.put(sender.kind(), sender));
        for (ChannelKind kind : ChannelKind.values()) {
            if (!byKind.containsKey(kind)) {
                throw new IllegalStateException("no sender for channel kind " + kind.wire());
            }
        }
    }

    /** One attempt; a sender bug becomes a failed (retryable) result instead of an exception. */
    public SendResult send(AlertMessage message, ChannelTarget target) {
        try {
            return byKind.get(target.kind()).send(message, target);
        } catch (RuntimeException e) {
            return SendResult.failed(null, 0, "sender failed: " + e, null, false);
        }
    }
}
