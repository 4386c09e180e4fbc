package io.thinkwatch.keys;

/** {@code POST /api/v1/capture-keys}: a name, and optionally the app and environment the key is bound to. */
public record CaptureKeyRequest(String name, String app, String env) {}
