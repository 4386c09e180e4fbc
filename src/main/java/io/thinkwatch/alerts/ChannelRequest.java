package io.thinkwatch.alerts;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Body of {@code POST} and {@code PUT /api/v1/channels}. On an update, a field left out (or a setting left out
 * of {@code settings}) keeps its stored value; {@code kind} cannot change.
 *
 * @param minSeverity {@code info}, {@code warning} (default) or {@code critical}
 * @param maxPerHour notifications per hour at most, 0 for no limit (default 60)
 * @param settings the kind's settings, secret ones included (docs/alerts.md)
 */
public record ChannelRequest(
        String name,
        String kind,
        String minSeverity,
        Boolean allowContent,
        Integer maxPerHour,
        Boolean enabled,
        JsonNode settings) {}
