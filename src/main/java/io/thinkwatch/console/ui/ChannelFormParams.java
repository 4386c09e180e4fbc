package io.thinkwatch.console.ui;

import java.util.HashMap;
import java.util.Map;

import org.jboss.resteasy.reactive.RestForm;

/** The posted channel form: the settings of every kind are named {@code settings.<name>} (docs/alerts.md). */
public class ChannelFormParams {

    @RestForm
    String name;

    @RestForm
    String kind;

    @RestForm
    String minSeverity;

    @RestForm
    String maxPerHour;

    @RestForm
    String allowContent;

    @RestForm
    String enabled;

    @RestForm("settings.url")
    String url;

    @RestForm("settings.routingKey")
    String routingKey;

    @RestForm("settings.signingSecret")
    String signingSecret;

    @RestForm("settings.to")
    String to;

    @RestForm("settings.from")
    String from;

    @RestForm("settings.host")
    String host;

    @RestForm("settings.port")
    String port;

    @RestForm("settings.username")
    String username;

    @RestForm("settings.password")
    String password;

    @RestForm("settings.startTls")
    String startTls;

    @RestForm("settings.ssl")
    String ssl;

    ChannelForm form(String kindOfStored) {
        Map<String, String> settings = new HashMap<>();
        put(settings, "url", url);
        put(settings, "routingKey", routingKey);
        put(settings, "signingSecret", signingSecret);
        put(settings, "to", to);
        put(settings, "from", from);
        put(settings, "host", host);
        put(settings, "port", port);
        put(settings, "username", username);
        put(settings, "password", password);
        put(settings, "startTls", startTls);
        put(settings, "ssl", ssl);
        return new ChannelForm(
                name == null ? "" : name,
                kindOfStored != null ? kindOfStored : kind,
                minSeverity,
                maxPerHour,
                allowContent != null,
                enabled != null,
                settings);
    }

    private static void put(Map<String, String> settings, String name, String value) {
        if (value != null) {
            settings.put(name, value);
        }
    }
}
