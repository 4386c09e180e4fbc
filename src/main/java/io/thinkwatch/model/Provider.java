package io.thinkwatch.model;

/** The provider family a call went to. */
public enum Provider implements WireName {
    OPENAI,
    ANTHROPIC,
    GEMINI,
    DEEPSEEK,
    OPENROUTER,
    /** Amazon Bedrock: models of several makers behind one API (Converse). */
    BEDROCK,
    OTHER;

    @Override
    public String wire() {
        return WireName.super.wire();
    }
}
