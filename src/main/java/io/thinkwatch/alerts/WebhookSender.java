package io.thinkwatch.alerts;

import java.time.Clock;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Generic webhook: the documented JSON payload, signed with the channel's secret over timestamp and body so
 * the receiver can check who sent it and refuse old (replayed) requests.
 */
@ApplicationScoped
public class WebhookSender implements ChannelSender {

    private final AlertHttp http;
    private final ObjectMapper mapper;
    private final Clock clock = Clock.systemUTC();

    public WebhookSender(AlertHttp http, ObjectMapper mapper) {
        this.http = http;
        this.mapper = mapper;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.WEBHOOK;
    }

    @Override
    public SendResult send(AlertMessage message, ChannelTarget target) {
        String body;
        try {
            body = mapper.writeValueAsString(WebhookPayload.of(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook payload not serializable", e);
        }
        long timestamp = clock.instant().getEpochSecond();
        return http.postJson(
                target.get("url"),
                body,
                Map.of(
                        "X-Thinkwatch-Id", message.notificationId(),
                        "X-Thinkwatch-Event", message.action().type(),
                        "X-Thinkwatch-Timestamp", Long.toString(timestamp),
                        "X-Thinkwatch-Signature", WebhookSignature.sign(target.get("signingSecret"), timestamp, body)));
    }
}
