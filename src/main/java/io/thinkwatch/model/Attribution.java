package io.thinkwatch.model;

import java.util.Map;

/**
 * Who made a call: the tenant, the application-supplied attribution, and the id of the capture key it presented
 * (null without one).
 */
public record Attribution(
        String tenant,
        String app,
        String env,
        String userId,
        String sessionId,
        Map<String, String> tags,
        String captureKeyId) {}
