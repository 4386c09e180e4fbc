package io.thinkwatch.model;

/**
 * Token counts normalized across providers. {@code outputTokens} always includes {@code reasoningTokens};
 * a count nobody reported is {@code null}, never 0.
 */
public record Usage(
        Long inputTokens,
        Long cachedInputTokens,
        Long outputTokens,
        Long reasoningTokens,
        Long visibleOutputTokens,
        UsageSource source) {

    public static Usage missing() {
        return new Usage(null, null, null, null, null, UsageSource.MISSING);
    }
}
