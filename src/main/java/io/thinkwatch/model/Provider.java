package io.thinkwatch.model;

/** The provider family a call went to. */
public enum Provider implements WireName {
    OPENAI,
    ANTHROPIC,
    GEMINI,
    DEEPSEEK,
    OPENROUTER,
    OTHER;
}
