package io.thinkwatch.model;

/** Which provider API (or intake path) produced a trace. */
public enum Api implements WireName {
    CHAT_COMPLETIONS("chat.completions"),
    RESPONSES("responses"),
    MESSAGES("messages"),
    GENERATE_CONTENT("generateContent"),
    /** Amazon Bedrock Runtime's Converse and ConverseStream. */
    CONVERSE("converse"),
    INGEST("ingest"),
    OTLP("otlp");

    private final String wire;

    Api(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
