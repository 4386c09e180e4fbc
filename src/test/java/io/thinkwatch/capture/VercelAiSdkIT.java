package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.thinkwatch.simulator.SimulatorServer;
import io.thinkwatch.testing.KeyedApp;
import io.thinkwatch.testing.NodeClients;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Vercel AI SDK ({@code ai} with {@code @ai-sdk/openai}, {@code @ai-sdk/anthropic} and {@code @ai-sdk/google}
 * from npm, run by Node), each provider's {@code baseURL} pointed at capture, {@code generateText} and
 * {@code streamText}: the SDK gets its text and reasoning, and the trace searchable in the console has the same, with
 * the provider's usage. A plain call goes through a relay that shows the route the SDK took; a streamed one names no
 * upstream, so capture picks it by the route.
 */
@QuarkusTest
class VercelAiSdkIT {

    private static final int REASONING = 432;
    private static final String KEY = "sk-js-ai-sdk-0123456789";

    @Inject
    CaptureServer capture;

    @Inject
    SimulatorServer simulator;

    private RecordingRelay upstream;

    @BeforeEach
    void start() {
        upstream = new RecordingRelay(simulator.port());
    }

    @AfterEach
    void stop() throws Exception {
        upstream.close();
    }

    @Test
    void openAiResponses() {
        // Given an application on the AI SDK's OpenAI provider (the Responses API by default), through a relay
        KeyedApp app = KeyedApp.create("js-ai-openai");

        // When it calls generateText
        JsonNode result = aiSdk(app, "openai", "plain", "o4-mini", "fixture");

        // Then it took /v1/responses with its bearer key, and the trace has the SDK's text, reasoning summary and usage
        assertThat(upstream.uris()).containsExactly("/v1/responses");
        assertThat(upstream.received().get(0).get("authorization")).isEqualTo("Bearer " + KEY);
        JsonNode trace = assertTrace(app, result, "openai", "responses", "o4-mini", false);
        assertThat(trace.path("request").path("params").path("reasoningEffort").asText())
                .isEqualTo("high");
    }

    @Test
    void openAiResponsesStreamed() {
        // Given the same provider naming no upstream
        KeyedApp app = KeyedApp.create("js-ai-openai-stream");

        // When it calls streamText
        JsonNode result = aiSdk(app, "openai", "stream", "o4-mini", null);

        // Then capture sent it to the 'openai' upstream by its route, and the trace has the whole text and the usage
        assertThat(upstream.received()).isEmpty();
        assertTrace(app, result, "openai", "responses", "o4-mini", true);
    }

    @Test
    void openAiChatCompletions() {
        // Given the OpenAI provider's Chat Completions model (openai.chat), through a relay
        KeyedApp app = KeyedApp.create("js-ai-openai-chat");

        // When it calls generateText
        JsonNode result = aiSdk(app, "openai-chat", "plain", "o4-mini", "fixture");

        // Then it took /v1/chat/completions, and the trace has the SDK's text and usage
        assertThat(upstream.uris()).containsExactly("/v1/chat/completions");
        assertTrace(app, result, "openai", "chat.completions", "o4-mini", false);
    }

    @Test
    void openAiChatCompletionsStreamed() {
        // Given the Chat Completions model naming no upstream
        KeyedApp app = KeyedApp.create("js-ai-openai-chat-stream");

        // When it calls streamText
        JsonNode result = aiSdk(app, "openai-chat", "stream", "o4-mini", null);

        // Then the trace has the whole text and the usage capture asked the stream for
        assertTrace(app, result, "openai", "chat.completions", "o4-mini", true);
    }

    @Test
    void anthropicMessages() {
        // Given the AI SDK's Anthropic provider with thinking on, through a relay
        KeyedApp app = KeyedApp.create("js-ai-anthropic");

        // When it calls generateText
        JsonNode result = aiSdk(app, "anthropic", "plain", "claude-sonnet-4-5", "fixture-anthropic");

        // Then it took /v1/messages with its x-api-key, and the trace has the text, the thinking and the budget
        assertThat(upstream.uris()).containsExactly("/v1/messages");
        assertThat(upstream.received().get(0).get("x-api-key")).isEqualTo(KEY);
        JsonNode trace = assertTrace(app, result, "anthropic", "messages", "claude-sonnet-4-5", false);
        assertThat(trace.path("request").path("params").path("thinkingBudget").asLong())
                .isEqualTo(2048);
    }

    @Test
    void anthropicMessagesStreamed() {
        // Given the Anthropic provider naming no upstream
        KeyedApp app = KeyedApp.create("js-ai-anthropic-stream");

        // When it calls streamText
        JsonNode result = aiSdk(app, "anthropic", "stream", "claude-sonnet-4-5", null);

        // Then capture sent it to the 'anthropic' upstream by its route, and the trace has the whole text and thinking
        assertThat(upstream.received()).isEmpty();
        assertTrace(app, result, "anthropic", "messages", "claude-sonnet-4-5", true);
    }

    @Test
    void googleGenerateContent() {
        // Given the AI SDK's Google provider with thoughts included, through a relay
        KeyedApp app = KeyedApp.create("js-ai-google");

        // When it calls generateText
        JsonNode result = aiSdk(app, "google", "plain", "gemini-2.5-pro", "fixture-gemini");

        // Then it took the Gemini API's v1beta route with its x-goog-api-key, and the trace has the text and thoughts
        assertThat(upstream.uris()).containsExactly("/v1beta/models/gemini-2.5-pro:generateContent");
        assertThat(upstream.received().get(0).get("x-goog-api-key")).isEqualTo(KEY);
        JsonNode trace = assertTrace(app, result, "gemini", "generateContent", "gemini-2.5-pro", false);
        assertThat(trace.path("request").path("params").path("thinkingBudget").asLong())
                .isEqualTo(2048);
    }

    @Test
    void googleGenerateContentStreamed() {
        // Given the Google provider naming no upstream
        KeyedApp app = KeyedApp.create("js-ai-google-stream");

        // When it calls streamText
        JsonNode result = aiSdk(app, "google", "stream", "gemini-2.5-flash", null);

        // Then capture sent it to the 'gemini' upstream by its route, and the trace has the whole text and thoughts
        assertThat(upstream.received()).isEmpty();
        assertTrace(app, result, "gemini", "generateContent", "gemini-2.5-flash", true);
    }

    private JsonNode aiSdk(KeyedApp app, String provider, String mode, String model, String upstreamName) {
        Map<String, String> env = new HashMap<>(
                Map.of("MODEL", model, "API_KEY", KEY, "SIMULATOR_REASONING_TOKENS", Integer.toString(REASONING)));
        if (upstreamName != null) {
            env.put("THINKWATCH_UPSTREAM", upstreamName);
        }
        JsonNode result = NodeClients.run("ai-sdk.mjs", app.env(capture.port(), env), provider, mode)
                .json();
        assertThat(result.path("text").asText()).isNotBlank();
        if (mode.equals("stream")) {
            assertThat(result.path("chunks").asInt()).isGreaterThan(1);
        }
        return result;
    }

    private static JsonNode assertTrace(
            KeyedApp app, JsonNode result, String provider, String api, String model, boolean streamed) {
        JsonNode trace = app.onlyTrace();
        assertThat(trace.path("status").asText()).isEqualTo("ok");
        assertThat(trace.path("provider").asText()).isEqualTo(provider);
        assertThat(trace.path("api").asText()).isEqualTo(api);
        assertThat(trace.path("model").asText()).isEqualTo(model);
        assertThat(trace.path("request").path("params").path("stream").asBoolean())
                .isEqualTo(streamed);
        assertThat(trace.path("answer").asText()).isEqualTo(result.path("text").asText());
        assertThat(trace.path("reasoningText").asText())
                .isEqualTo(result.path("reasoning").asText());
        JsonNode usage = result.path("usage");
        JsonNode recorded = trace.path("usage");
        assertThat(recorded.path("source").asText()).isEqualTo("provider");
        assertThat(recorded.path("inputTokens").asLong())
                .isEqualTo(usage.path("inputTokens").asLong());
        assertThat(recorded.path("outputTokens").asLong())
                .isEqualTo(usage.path("outputTokens").asLong());
        assertThat(usage.path("outputTokenDetails").path("reasoningTokens").asLong())
                .isEqualTo(REASONING);
        assertThat(recorded.path("reasoningTokens").asLong()).isEqualTo(REASONING);
        assertThat(trace.toString()).doesNotContain(KEY);
        return trace;
    }
}
