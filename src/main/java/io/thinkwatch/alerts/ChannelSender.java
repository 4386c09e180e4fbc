package io.thinkwatch.alerts;

/** Delivers a notification to one kind of channel; one small class per kind. */
public interface ChannelSender {

    ChannelKind kind();

    /** One attempt; never throws for a receiver's failure, which is described in the result. */
    SendResult send(AlertMessage message, ChannelTarget target);
}
