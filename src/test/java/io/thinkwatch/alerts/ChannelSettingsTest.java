package io.thinkwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class ChannelSettingsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final TargetPolicy policy = new TargetPolicy(false);

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    private static ChannelSettings.Split empty() {
        return new ChannelSettings.Split(MAPPER.createObjectNode(), MAPPER.createObjectNode());
    }

    @Test
    void slackUrlIsKeptAsSecret() throws Exception {
        // Given Slack settings with a webhook URL
        List<String> errors = new ArrayList<>();

        // When they are applied to a new channel
        ChannelSettings.Split split = ChannelSettings.apply(
                ChannelKind.SLACK,
                json("{\"url\":\"https://93.184.215.14/services/T0/B0/secret\"}"),
                empty(),
                policy,
                errors);

        // Then the URL is a secret and nothing is shown as plain
        assertThat(errors).isEmpty();
        assertThat(split.secrets().get("url").asText()).endsWith("/secret");
        assertThat(split.plain().isEmpty()).isTrue();
    }

    @Test
    void errorsNameTheFieldAndReason() throws Exception {
        // Given settings with a missing required field, a bad scheme and an unknown field
        List<String> errors = new ArrayList<>();

        // When they are applied
        ChannelSettings.apply(
                ChannelKind.PAGERDUTY, json("{\"url\":\"ftp://x/y\",\"colour\":\"red\"}"), empty(), policy, errors);

        // Then each problem names its field
        assertThat(errors)
                .containsExactlyInAnyOrder(
                        "settings.colour: not a setting of kind pagerduty (known: routingKey, url)",
                        "settings.routingKey: required for kind pagerduty",
                        "settings.url: must be an http or https URL");
    }

    @Test
    void secretLeftOutOfAnUpdateKeepsItsValue() throws Exception {
        // Given a webhook with a stored URL and signing secret
        ObjectNode secrets =
                (ObjectNode) json("{\"url\":\"https://93.184.215.14/a\",\"signingSecret\":\"s3cr3t-s3cr3t-s3cr3t\"}");
        ChannelSettings.Split current = new ChannelSettings.Split(MAPPER.createObjectNode(), secrets);
        List<String> errors = new ArrayList<>();

        // When an update changes only the URL
        ChannelSettings.Split split = ChannelSettings.apply(
                ChannelKind.WEBHOOK, json("{\"url\":\"https://93.184.215.14/b\"}"), current, policy, errors);

        // Then the signing secret stays and the URL changes
        assertThat(errors).isEmpty();
        assertThat(split.secrets().get("signingSecret").asText()).isEqualTo("s3cr3t-s3cr3t-s3cr3t");
        assertThat(split.secrets().get("url").asText()).endsWith("/b");
    }

    @Test
    void emailRecipientsAreNormalizedToAList() throws Exception {
        // Given recipients as one comma-separated string
        List<String> errors = new ArrayList<>();

        // When email settings are applied
        ChannelSettings.Split split = ChannelSettings.apply(
                ChannelKind.EMAIL,
                json("{\"to\":\"oncall@example.com, lead@example.com\",\"port\":2525,\"password\":\"pw\"}"),
                empty(),
                policy,
                errors);

        // Then they are stored as a list, and the password is a secret
        assertThat(errors).isEmpty();
        assertThat(split.plain().get("to").toString()).isEqualTo("[\"oncall@example.com\",\"lead@example.com\"]");
        assertThat(split.secrets().get("password").asText()).isEqualTo("pw");
    }

    @Test
    void headerInjectionInAnAddressIsRefused() throws Exception {
        // Given a recipient with a line break
        List<String> errors = new ArrayList<>();

        // When it is applied
        ChannelSettings.apply(
                ChannelKind.EMAIL, json("{\"to\":[\"a@example.com\\nBcc: x@evil.com\"]}"), empty(), policy, errors);

        // Then it is refused
        assertThat(errors).singleElement().asString().startsWith("settings.to:");
    }

    @Test
    void secretHintsShowOnlySchemeAndHost() {
        // Given a stored webhook URL and a routing key
        // When their hints are made
        // Then the URL shows scheme and host, the key nothing
        assertThat(ChannelSettings.hint("https://hooks.slack.com/services/T0/B0/xyz"))
                .isEqualTo("https://hooks.slack.com/…(hidden)");
        assertThat(ChannelSettings.hint("R0UT1NGK3Y")).isEqualTo("(hidden)");
    }
}
