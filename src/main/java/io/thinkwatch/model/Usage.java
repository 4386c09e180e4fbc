package io.thinkwatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Token counts normalized across providers. {@code inputTokens} includes cached input (and, for Anthropic,
 * cache reads and writes); {@code outputTokens} always includes {@code reasoningTokens}; a count nobody
 * reported is {@code null}, never 0.
 *
 * @param cacheWriteTokens input tokens written to the provider's cache (Anthropic), inside {@code inputTokens}
 */
public record Usage(
        Long inputTokens,
        Long cachedInputTokens,
        Long outputTokens,
        Long reasoningTokens,
        Long visibleOutputTokens,
        UsageSource source,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long cacheWriteTokens) {

    /** Counts of a provider without cache writes. */
    public Usage(
            Long inputTokens,
            Long cachedInputTokens,
            Long outputTokens,
            Long reasoningTokens,
            Long visibleOutputTokens,
            UsageSource source) {
        this(inputTokens, cachedInputTokens, outputTokens, reasoningTokens, visibleOutputTokens, source, null);
    }

    public static Usage missing() {
        return new Usage(null, null, null, null, null, UsageSource.MISSING);
    }

    /** Counts as reported, with the visible part derived: output minus reasoning, when both are known. */
    public static Usage reported(Long input, Long cached, Long output, Long reasoning, Long cacheWrite) {
        Long visible = output == null || reasoning == null ? null : output - reasoning;
        return new Usage(input, cached, output, reasoning, visible, UsageSource.PROVIDER, cacheWrite);
    }
}
