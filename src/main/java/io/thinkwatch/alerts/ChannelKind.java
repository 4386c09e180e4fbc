package io.thinkwatch.alerts;

import java.util.List;

import io.thinkwatch.model.WireName;

/** Where a channel delivers; each kind names its settings, secret or not, and has one sender. */
public enum ChannelKind implements WireName {
    SLACK(List.of(ChannelField.secret("url", ChannelField.Type.URL, true))),
    PAGERDUTY(List.of(
            ChannelField.secret("routingKey", ChannelField.Type.TEXT, true),
            ChannelField.plain("url", ChannelField.Type.URL, false))),
    TEAMS(List.of(ChannelField.secret("url", ChannelField.Type.URL, true))),
    WEBHOOK(List.of(
            ChannelField.secret("url", ChannelField.Type.URL, true),
            ChannelField.secret("signingSecret", ChannelField.Type.TEXT, false))),
    EMAIL(List.of(
            ChannelField.plain("to", ChannelField.Type.EMAILS, true),
            ChannelField.plain("from", ChannelField.Type.EMAIL, false),
            ChannelField.plain("host", ChannelField.Type.TEXT, false),
            ChannelField.plain("port", ChannelField.Type.PORT, false),
            ChannelField.plain("username", ChannelField.Type.TEXT, false),
            ChannelField.secret("password", ChannelField.Type.TEXT, false),
            ChannelField.plain("startTls", ChannelField.Type.STARTTLS, false),
            ChannelField.plain("ssl", ChannelField.Type.BOOLEAN, false)));

    @Override
    public String wire() {
        return WireName.super.wire();
    }

    @SuppressWarnings("ImmutableEnumChecker") // List.of: unmodifiable, of records
    private final List<ChannelField> fields;

    ChannelKind(List<ChannelField> fields) {
        this.fields = fields;
    }

    public List<ChannelField> fields() {
        return fields;
    }

    /** The kind with this wire name, or null. */
    public static ChannelKind fromWire(String value) {
        return WireName.find(ChannelKind.class, value);
    }
}
