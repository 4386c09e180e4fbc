package io.thinkwatch.alerts;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.thinkwatch.model.Finding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * PagerDuty Events API v2: {@code trigger} with the finding group as {@code dedup_key}, so every notification
 * of a group lands on one incident, and {@code resolve} with the same key when the finding is resolved.
 */
@ApplicationScoped
public class PagerDutySender implements ChannelSender {

    /** The Events API v2 endpoint; a channel may set another ({@code settings.url}, e.g. the EU service region). */
    public static final String EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

    private final AlertHttp http;
    private final ObjectMapper mapper;

    public PagerDutySender(AlertHttp http, ObjectMapper mapper) {
        this.http = http;
        this.mapper = mapper;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.PAGERDUTY;
    }

    @Override
    public SendResult send(AlertMessage message, ChannelTarget target) {
        String url = target.get("url") != null ? target.get("url") : EVENTS_URL;
        return http.postJson(url, payload(message, target.get("routingKey")).toString(), Map.of());
    }

    ObjectNode payload(AlertMessage message, String routingKey) {
        Finding f = message.finding();
        ObjectNode root = mapper.createObjectNode()
                .put("routing_key", routingKey)
                .put("event_action", message.action() == AlertAction.RESOLVE ? "resolve" : "trigger")
                .put("dedup_key", message.groupId());
        if (message.action() == AlertAction.RESOLVE) {
            return root;
        }
        ObjectNode payload = root.putObject("payload")
                .put("summary", cut(message.title() + " (" + message.countLine() + ")", 1024))
                .put("severity", severity(f))
                .put("source", f.app() != null ? f.app() : "thinkwatch/" + f.tenant())
                .put("timestamp", (f.lastSeenAt() != null ? f.lastSeenAt() : message.createdAt()).toString())
                .put("class", f.kind() == null ? "thinkwatch" : f.kind().wire())
                .put("group", f.ruleId());
        if (f.model() != null) {
            payload.put("component", f.model());
        }
        ObjectNode details = payload.putObject("custom_details");
        Texts.facts(message).forEach(fact -> details.put(fact.label(), fact.value()));
        details.put("findingId", f.findingId());
        root.put("client", "Thinkwatch").put("client_url", message.link());
        root.putArray("links").addObject().put("href", message.link()).put("text", "Open in Thinkwatch");
        return root;
    }

    /** PagerDuty knows critical, error, warning and info; Thinkwatch's severities map onto three of them. */
    static String severity(Finding finding) {
        return switch (finding.severity()) {
            case CRITICAL -> "critical";
            case WARNING -> "warning";
            case INFO -> "info";
        };
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
