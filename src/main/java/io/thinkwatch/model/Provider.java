package io.thinkwatch.model;

/** The provider family a call went to. */
public enum Provider implements WireName {
    OPENAI,
    ANTHROPIC,
    GEMINI,
    DEEPSEEK,
    OPENROUTER,
    OTHER;

    @Override
    public String wire() {
        return WireName.super.wire();
    }
}
