package io.thinkwatch.alerts;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Slack incoming webhook: a Block Kit message with the facts and a button to the finding. */
@ApplicationScoped
public class SlackSender implements ChannelSender {

    private final AlertHttp http;
    private final ObjectMapper mapper;

    public SlackSender(AlertHttp http, ObjectMapper mapper) {
        this.http = http;
        this.mapper = mapper;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.SLACK;
    }

    @Override
    public SendResult send(AlertMessage message, ChannelTarget target) {
        return http.postJson(target.get("url"), payload(message).toString(), Map.of());
    }

    ObjectNode payload(AlertMessage message) {
        ObjectNode root = mapper.createObjectNode();
        root.put("text", escape(message.title() + " (" + message.countLine() + ")"));
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", cut(message.title(), 150));
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", "*" + escape(message.countLine()) + "*");
        ArrayNode fields = section.putArray("fields");
        for (Texts.Fact fact : Texts.facts(message)) {
            if (fields.size() < 10) {
                fields.addObject().put("type", "mrkdwn").put("text", "*" + fact.label() + "*\n" + escape(fact.value()));
            }
        }
        ObjectNode actions = blocks.addObject().put("type", "actions");
        ObjectNode button =
                actions.putArray("elements").addObject().put("type", "button").put("url", message.link());
        button.putObject("text").put("type", "plain_text").put("text", "Open in Thinkwatch");
        return root;
    }

    /** Slack's mrkdwn escaping: only {@code &}, {@code <} and {@code >} are special. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
