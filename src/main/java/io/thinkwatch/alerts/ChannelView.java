package io.thinkwatch.alerts;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A channel as the API shows it: secrets appear only as hints ({@code "https://hooks.slack.com/…(hidden)"}).
 *
 * @param signingSecret a webhook's generated signing secret, in the answer to its creation only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelView(
        long id,
        String name,
        String kind,
        String minSeverity,
        boolean allowContent,
        int maxPerHour,
        boolean enabled,
        ObjectNode settings,
        Map<String, String> secrets,
        String signingSecret,
        Instant createdAt,
        Instant updatedAt) {}
