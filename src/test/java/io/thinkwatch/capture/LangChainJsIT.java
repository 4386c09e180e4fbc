package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.thinkwatch.testing.KeyedApp;
import io.thinkwatch.testing.NodeClients;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * LangChain.js ({@code @langchain/openai}'s {@code ChatOpenAI} from npm, run by Node) with its base URL pointed at
 * capture, {@code invoke} and {@code stream}: LangChain gets its message and usage, and the trace searchable in the
 * console has the same answer and the provider's usage with the reasoning tokens.
 */
@QuarkusTest
class LangChainJsIT {

    private static final int REASONING = 543;
    private static final String KEY = "sk-js-langchain-0123456789";

    @Inject
    CaptureServer capture;

    @Test
    void invoke() {
        // Given an application on LangChain.js's ChatOpenAI with capture as its base URL
        KeyedApp app = KeyedApp.create("js-langchain");

        // When it invokes the model
        JsonNode result = langChain(app, "plain");

        // Then the trace has LangChain's answer and usage, reasoning tokens included
        JsonNode trace = assertTrace(app, result);
        assertThat(trace.path("request").path("params").path("stream").asBoolean())
                .isFalse();
    }

    @Test
    void stream() {
        // Given the same application
        KeyedApp app = KeyedApp.create("js-langchain-stream");

        // When it streams the answer
        JsonNode result = langChain(app, "stream");

        // Then LangChain got it in pieces, and the trace has all of it with the usage of the stream
        assertThat(result.path("chunks").asInt()).isGreaterThan(2);
        JsonNode trace = assertTrace(app, result);
        assertThat(trace.path("request").path("params").path("stream").asBoolean())
                .isTrue();
    }

    private JsonNode langChain(KeyedApp app, String mode) {
        JsonNode result = NodeClients.run(
                        "langchain.mjs",
                        app.env(
                                capture.port(),
                                Map.of(
                                        "MODEL",
                                        "o4-mini",
                                        "API_KEY",
                                        KEY,
                                        "SIMULATOR_REASONING_TOKENS",
                                        Integer.toString(REASONING))),
                        mode)
                .json();
        assertThat(result.path("text").asText()).isNotBlank();
        return result;
    }

    private static JsonNode assertTrace(KeyedApp app, JsonNode result) {
        JsonNode trace = app.onlyTrace();
        assertThat(trace.path("status").asText()).isEqualTo("ok");
        assertThat(trace.path("provider").asText()).isEqualTo("openai");
        assertThat(trace.path("api").asText()).isEqualTo("chat.completions");
        assertThat(trace.path("model").asText()).isEqualTo("o4-mini");
        assertThat(trace.path("answer").asText()).isEqualTo(result.path("text").asText());
        JsonNode usage = result.path("usage");
        JsonNode recorded = trace.path("usage");
        assertThat(recorded.path("source").asText()).isEqualTo("provider");
        assertThat(recorded.path("reasoningTokens").asLong()).isEqualTo(REASONING);
        assertThat(usage.path("output_token_details").path("reasoning").asLong())
                .isEqualTo(REASONING);
        assertThat(recorded.path("inputTokens").asLong())
                .isEqualTo(usage.path("input_tokens").asLong());
        assertThat(recorded.path("outputTokens").asLong())
                .isEqualTo(usage.path("output_tokens").asLong());
        assertThat(trace.toString()).doesNotContain(KEY);
        return trace;
    }
}
