package io.thinkwatch.capture;

import io.thinkwatch.model.Api;

/** The provider API a proxied request calls, for the routes capture records; other paths pass unrecorded. */
enum RecordedRoute {
    CHAT_COMPLETIONS(Api.CHAT_COMPLETIONS, "/v1/chat/completions", "openai");

    final Api api;
    final String path;
    /** Upstream used when the request names none. */
    final String defaultUpstream;

    RecordedRoute(Api api, String path, String defaultUpstream) {
        this.api = api;
        this.path = path;
        this.defaultUpstream = defaultUpstream;
    }
}
