package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.thinkwatch.simulator.SimulatorServer;
import io.thinkwatch.testing.KeyedApp;
import io.thinkwatch.testing.NodeClients;
import io.vertx.core.MultiMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Google's JavaScript SDK ({@code @google/genai} from npm, run by Node) with its base URL pointed at capture, on the
 * Gemini API (an API key) and on Vertex AI (a project, a location and a fixed OAuth token), plain and streamed: the
 * SDK gets its answer, the trace searchable in the console has the same text, thoughts and usage, and the
 * credential reaches the upstream but never the trace.
 */
@QuarkusTest
class GoogleGenAiJsIT {

    private static final int REASONING = 321;
    private static final String API_KEY = "AIza-js-test-key-0123456789";
    private static final String TOKEN = "ya29.fake-js-vertex-token";

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
    void geminiApi() {
        // Given an application on the Gemini API with thinking on, through a relay that shows what reached it
        KeyedApp app = KeyedApp.create("js-genai");

        // When the SDK generates content
        JsonNode result = genai(app, "gemini", "plain", "gemini-2.5-pro", "fixture-gemini");

        // Then the call took the SDK's default Gemini path with the API key, and the trace has the SDK's answer
        assertThat(upstream.uris())
                .singleElement()
                .satisfies(uri -> assertThat(uri).matches("/v1beta/models/gemini-2.5-pro:generateContent"));
        MultiMap headers = upstream.received().get(0);
        assertThat(headers.get("x-goog-api-key")).isEqualTo(API_KEY);
        assertThat(headers.names())
                .noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("x-thinkwatch-"));
        JsonNode trace = app.onlyTrace();
        assertTrace(trace, result, "gemini-2.5-pro");
        assertThat(trace.path("reasoningText").asText())
                .isNotBlank()
                .isEqualTo(result.path("thoughts").asText());
        assertThat(trace.path("request").path("params").path("thinkingBudget").asLong())
                .isEqualTo(2048);
        assertThat(trace.path("request").path("params").path("stream").asBoolean())
                .isFalse();
        assertThat(trace.toString()).doesNotContain(API_KEY);
    }

    @Test
    void geminiApiStreamed() {
        // Given a streamed call on the Gemini API, naming no upstream
        KeyedApp app = KeyedApp.create("js-genai-stream");

        // When the SDK streams it
        JsonNode result = genai(app, "gemini", "stream", "gemini-2.5-flash", null);

        // Then the SDK got the answer in pieces from the 'gemini' upstream, and the trace has all of it
        assertThat(result.path("chunks").asInt()).isGreaterThan(2);
        assertThat(upstream.received()).isEmpty();
        JsonNode trace = app.onlyTrace();
        assertTrace(trace, result, "gemini-2.5-flash");
        assertThat(trace.path("request").path("params").path("stream").asBoolean())
                .isTrue();
        assertThat(trace.hasNonNull("timeToFirstTokenMs")).isTrue();
    }

    @Test
    void geminiApiV1Streamed() {
        // Given a streamed call on the Gemini API's v1 (the default of Google's newer SDK releases)
        KeyedApp app = KeyedApp.create("js-genai-v1");

        // When the SDK streams it through a relay that shows what reached it
        JsonNode result = genai(app, "gemini", "stream", "gemini-2.5-flash", "fixture-gemini", "v1");

        // Then it took the v1 SSE route with the API key, and the trace has the whole answer
        assertThat(upstream.uris())
                .singleElement()
                .satisfies(
                        uri -> assertThat(uri).isEqualTo("/v1/models/gemini-2.5-flash:streamGenerateContent?alt=sse"));
        assertThat(upstream.received().get(0).get("x-goog-api-key")).isEqualTo(API_KEY);
        JsonNode trace = app.onlyTrace();
        assertTrace(trace, result, "gemini-2.5-flash");
        assertThat(trace.path("request").path("params").path("stream").asBoolean())
                .isTrue();
        assertThat(trace.path("reasoningText").asText())
                .isNotBlank()
                .isEqualTo(result.path("thoughts").asText());
        assertThat(trace.toString()).doesNotContain(API_KEY);
    }

    @Test
    void vertexAi() {
        // Given an application on Vertex AI, with a project, a location and an OAuth access token
        KeyedApp app = KeyedApp.create("js-vertex");

        // When the SDK generates content
        JsonNode result = genai(app, "vertex", "plain", "gemini-2.5-pro", "fixture-gemini");

        // Then the call went to the project's Vertex path with the bearer token, and the trace has the SDK's answer
        assertThat(upstream.uris())
                .singleElement()
                .satisfies(uri -> assertThat(uri)
                        .matches("/v1beta1/projects/acme-prod/locations/us-central1/publishers/google/models/"
                                + "gemini-2.5-pro:generateContent"));
        assertThat(upstream.received().get(0).get("authorization")).isEqualTo("Bearer " + TOKEN);
        JsonNode trace = app.onlyTrace();
        assertTrace(trace, result, "gemini-2.5-pro");
        assertThat(trace.path("reasoningText").asText())
                .isEqualTo(result.path("thoughts").asText());
        assertThat(trace.toString()).doesNotContain(TOKEN);
    }

    @Test
    void vertexAiStreamed() {
        // Given a streamed Vertex AI call naming no upstream
        KeyedApp app = KeyedApp.create("js-vertex-stream");

        // When the SDK streams it
        JsonNode result = genai(app, "vertex", "stream", "gemini-2.5-flash", null);

        // Then it reached the 'vertex' upstream, and the trace has the whole answer and the last chunk's usage
        assertThat(result.path("chunks").asInt()).isGreaterThan(2);
        assertThat(upstream.received()).isEmpty();
        JsonNode trace = app.onlyTrace();
        assertTrace(trace, result, "gemini-2.5-flash");
        assertThat(trace.path("request").path("params").path("stream").asBoolean())
                .isTrue();
        assertThat(trace.toString()).doesNotContain(TOKEN);
    }

    private JsonNode genai(KeyedApp app, String api, String mode, String model, String upstreamName) {
        return genai(app, api, mode, model, upstreamName, null);
    }

    private JsonNode genai(
            KeyedApp app, String api, String mode, String model, String upstreamName, String apiVersion) {
        Map<String, String> env = new HashMap<>(Map.of(
                "MODEL", model,
                "API_KEY", API_KEY,
                "VERTEX_TOKEN", TOKEN,
                "SIMULATOR_REASONING_TOKENS", Integer.toString(REASONING)));
        if (upstreamName != null) {
            env.put("THINKWATCH_UPSTREAM", upstreamName);
        }
        if (apiVersion != null) {
            env.put("API_VERSION", apiVersion);
        }
        JsonNode result = NodeClients.run("genai.mjs", app.env(capture.port(), env), api, mode)
                .json();
        assertThat(result.path("text").asText()).isNotBlank();
        return result;
    }

    private static void assertTrace(JsonNode trace, JsonNode result, String model) {
        assertThat(trace.path("status").asText()).isEqualTo("ok");
        assertThat(trace.path("provider").asText()).isEqualTo("gemini");
        assertThat(trace.path("api").asText()).isEqualTo("generateContent");
        assertThat(trace.path("model").asText()).isEqualTo(model);
        assertThat(trace.path("answer").asText()).isEqualTo(result.path("text").asText());
        JsonNode usage = result.path("usage");
        JsonNode recorded = trace.path("usage");
        assertThat(recorded.path("source").asText()).isEqualTo("provider");
        assertThat(usage.path("thoughtsTokenCount").asInt()).isEqualTo(REASONING);
        assertThat(recorded.path("reasoningTokens").asLong()).isEqualTo(REASONING);
        assertThat(recorded.path("inputTokens").asLong())
                .isEqualTo(usage.path("promptTokenCount").asLong());
        assertThat(recorded.path("outputTokens").asLong())
                .isEqualTo(usage.path("candidatesTokenCount").asLong() + REASONING);
    }
}
