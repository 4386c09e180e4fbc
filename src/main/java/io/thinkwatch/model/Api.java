package io.thinkwatch.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which provider API (or intake path) produced a trace. */
public enum Api {
    CHAT_COMPLETIONS("chat.completions"),
    RESPONSES("responses"),
    MESSAGES("messages"),
    GENERATE_CONTENT("generateContent"),
    INGEST("ingest"),
    OTLP("otlp");

    private final String wire;

    Api(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
