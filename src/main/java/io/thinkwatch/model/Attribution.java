package io.thinkwatch.model;

import java.util.Map;

/** Who made a call: the tenant and the application-supplied attribution. */
public record Attribution(
        String tenant, String app, String env, String userId, String sessionId, Map<String, String> tags) {}
