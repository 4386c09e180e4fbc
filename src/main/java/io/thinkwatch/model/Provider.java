package io.thinkwatch.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** The provider family a call went to. */
public enum Provider {
    OPENAI, ANTHROPIC, GEMINI, DEEPSEEK, OPENROUTER, OTHER;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }
}
