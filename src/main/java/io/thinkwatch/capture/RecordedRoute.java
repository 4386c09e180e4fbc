package io.thinkwatch.capture;

import io.thinkwatch.model.Api;

/**
 * The provider APIs capture records, each with the path pattern it answers on and the upstream a request
 * goes to when it names none; other paths pass unrecorded ({@link UnrecordedPath}). Gemini names the model in
 * the path, so its routes are regular expressions whose first group is the model; Google's SDKs call the
 * {@code v1}, {@code v1beta} and {@code v1alpha} versions of the same API.
 */
enum RecordedRoute {
    CHAT_COMPLETIONS(Api.CHAT_COMPLETIONS, "/v1/chat/completions", "openai"),
    RESPONSES(Api.RESPONSES, "/v1/responses", "openai"),
    MESSAGES(Api.MESSAGES, "/v1/messages", "anthropic"),
    GENERATE_CONTENT(Api.GENERATE_CONTENT, "/v1(?:beta|alpha)?/models/([^/:%]+)(?::|%3[Aa])generateContent", "gemini"),
    STREAM_GENERATE_CONTENT(
            Api.GENERATE_CONTENT, "/v1(?:beta|alpha)?/models/([^/:%]+)(?::|%3[Aa])streamGenerateContent", "gemini");

    final Api api;
    final String path;
    /** Upstream used when the request names none. */
    final String defaultUpstream;

    RecordedRoute(Api api, String path, String defaultUpstream) {
        this.api = api;
        this.path = path;
        this.defaultUpstream = defaultUpstream;
    }

    /** Whether {@link #path} is a regular expression (its first group is the model). */
    boolean isPattern() {
        return path.contains("(");
    }
}
