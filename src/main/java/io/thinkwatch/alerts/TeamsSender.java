package io.thinkwatch.alerts;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Microsoft Teams incoming webhook (a Workflows "post to a channel when a webhook request is received" URL):
 * a message with one Adaptive Card holding the facts and a link to the finding.
 */
@ApplicationScoped
public class TeamsSender implements ChannelSender {

    private final AlertHttp http;
    private final ObjectMapper mapper;

    public TeamsSender(AlertHttp http, ObjectMapper mapper) {
        this.http = http;
        this.mapper = mapper;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.TEAMS;
    }

    @Override
    public SendResult send(AlertMessage message, ChannelTarget target) {
        return http.postJson(target.get("url"), payload(message).toString(), Map.of());
    }

    ObjectNode payload(AlertMessage message) {
        ObjectNode root = mapper.createObjectNode().put("type", "message");
        ObjectNode attachment =
                root.putArray("attachments").addObject().put("contentType", "application/vnd.microsoft.card.adaptive");
        ObjectNode card = attachment
                .putObject("content")
                .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard")
                .put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.addObject()
                .put("type", "TextBlock")
                .put("text", message.title())
                .put("weight", "Bolder")
                .put("size", "Medium")
                .put("wrap", true)
                .put("color", message.action() == AlertAction.RESOLVE ? "Good" : color(message));
        body.addObject()
                .put("type", "TextBlock")
                .put("text", message.countLine())
                .put("wrap", true);
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        for (Texts.Fact fact : Texts.facts(message)) {
            facts.addObject().put("title", fact.label()).put("value", fact.value());
        }
        card.putArray("actions")
                .addObject()
                .put("type", "Action.OpenUrl")
                .put("title", "Open in Thinkwatch")
                .put("url", message.link());
        return root;
    }

    private static String color(AlertMessage message) {
        return switch (message.finding().severity()) {
            case CRITICAL -> "Attention";
            case WARNING -> "Warning";
            case INFO -> "Default";
        };
    }
}
