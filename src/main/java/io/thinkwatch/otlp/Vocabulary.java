package io.thinkwatch.otlp;

import java.util.Locale;
import java.util.Set;

import io.thinkwatch.model.FinishReason;
import io.thinkwatch.model.Provider;

/** What the values of GenAI attributes mean in Thinkwatch's closed sets: operations, providers, finish reasons. */
final class Vocabulary {

    /** {@code gen_ai.operation.name} values of a call to a model that generates an answer. */
    static final Set<String> INFERENCE = Set.of("chat", "text_completion", "generate_content", "completion");

    private Vocabulary() {}

    /** {@code gen_ai.provider.name} (or {@code gen_ai.system}, {@code llm.system}) as a provider family. */
    static Provider provider(String name) {
        if (name == null) {
            return Provider.OTHER;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "openai", "azure.ai.openai", "azure_openai", "azure" -> Provider.OPENAI;
            case "anthropic" -> Provider.ANTHROPIC;
            case "gcp.gemini", "gcp.gen_ai", "gcp.vertex_ai", "gemini", "google", "vertexai", "vertex_ai" ->
                Provider.GEMINI;
            case "deepseek" -> Provider.DEEPSEEK;
            case "openrouter" -> Provider.OPENROUTER;
            default -> Provider.OTHER;
        };
    }

    /**
     * A provider's finish reason, as instrumentations pass it on ({@code stop}, {@code length}, Anthropic's
     * {@code max_tokens} and {@code end_turn}, Gemini's {@code MAX_TOKENS} and {@code SAFETY}, ...).
     */
    static FinishReason finishReason(String raw) {
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "stop", "end_turn", "stop_sequence" -> FinishReason.STOP;
            case "length", "max_tokens", "max_output_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "content_filter", "safety", "recitation", "blocklist", "prohibited_content", "spii", "refusal" ->
                FinishReason.CONTENT_FILTER;
            case "tool_calls", "tool_call", "tool_use", "function_call" -> FinishReason.TOOL_CALLS;
            case "error", "malformed_function_call" -> FinishReason.ERROR;
            default -> FinishReason.OTHER;
        };
    }
}
