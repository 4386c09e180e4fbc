package io.thinkwatch.keys;

/**
 * What a capture key says about itself: its id, its tenant, and the app and environment it is bound to (null when
 * not bound).
 */
public record KeyClaims(String keyId, String tenant, String app, String env) {}
