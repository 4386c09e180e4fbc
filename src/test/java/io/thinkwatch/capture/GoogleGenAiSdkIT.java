package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.thinkwatch.simulator.SimulatorServer;
import io.vertx.core.MultiMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpResponse;
import com.google.genai.types.Part;
import com.google.genai.types.ThinkingConfig;
import com.google.genai.types.ThinkingLevel;

/**
 * Google's official Java SDK ({@code com.google.genai:google-genai}) pointed at capture through its base URL, on
 * the Gemini API (an API key) and on Vertex AI (a project, a location and an OAuth token; a fixed fake token here,
 * so the test runs offline), plain and streamed: the SDK reads its answers, the trace holds the same text, thoughts
 * and usage, and the credential reaches the upstream but never the trace.
 */
@QuarkusTest
class GoogleGenAiSdkIT {

    private static final int REASONING = 444;
    private static final String API_KEY = "AIza-test-key-0123456789";
    private static final String TOKEN = "ya29.fake-vertex-token";

    @Inject
    CaptureServer capture;

    @Inject
    SimulatorServer simulator;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private RecordingRelay upstream;
    private Client gemini;
    private Client vertex;

    @BeforeEach
    void start() {
        upstream = new RecordingRelay(simulator.port());
        HttpOptions options = HttpOptions.builder()
                .baseUrl("http://127.0.0.1:" + capture.port())
                .headers(Map.of("X-Simulator-Reasoning-Tokens", Integer.toString(REASONING)))
                .build();
        gemini = Client.builder().apiKey(API_KEY).httpOptions(options).build();
        vertex = Client.builder()
                .vertexAI(true)
                .project("acme-prod")
                .location("us-central1")
                .credentials(GoogleCredentials.create(
                        new AccessToken(TOKEN, Date.from(Instant.now().plus(Duration.ofHours(1))))))
                .httpOptions(options)
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        gemini.close();
        vertex.close();
        upstream.close();
    }

    @Test
    void geminiApi() {
        // Given an application on the Gemini API with thinking on and its thoughts shown
        GenerateContentConfig config =
                config("gemini", "fixture-gemini", thinking().thinkingBudget(2048));

        // When it generates content
        GenerateContentResponse response = gemini.models.generateContent("gemini-2.5-pro", "Which route?", config);

        // Then the call went to the Gemini API's path with the key, and the trace has the SDK's answer and thoughts
        assertThat(upstream.uris())
                .singleElement()
                .satisfies(uri -> assertThat(uri).matches("/v1(beta|alpha)?/models/gemini-2.5-pro:generateContent.*"));
        MultiMap headers = upstream.received().get(0);
        assertThat(headers.get("x-goog-api-key")).isEqualTo(API_KEY);
        assertThat(headers.names())
                .noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("x-thinkwatch-"));
        JsonNode trace = trace(traceId(List.of(response)), "gemini");
        assertThat(trace.path("provider").asText()).isEqualTo("gemini");
        assertThat(trace.path("api").asText()).isEqualTo("generateContent");
        assertThat(trace.path("model").asText()).isEqualTo("gemini-2.5-pro");
        assertThat(trace.path("answer").asText()).isNotBlank().isEqualTo(response.text());
        assertThat(trace.path("reasoningText").asText()).isNotBlank().isEqualTo(thoughts(List.of(response)));
        assertThat(trace.path("request").path("params").path("thinkingBudget").asLong())
                .isEqualTo(2048);
        assertUsage(trace, response);
        assertThat(trace.toString()).doesNotContain(API_KEY);
    }

    @Test
    void geminiApiStreamed() {
        // Given a streamed call on the Gemini API, naming no upstream
        GenerateContentConfig config = config("gemini-stream", null, thinking());

        // When the SDK streams it
        List<GenerateContentResponse> chunks = stream(gemini, "gemini-2.5-flash", config);

        // Then the SDK got the answer in pieces, and the trace has all of it with the usage of the last chunk
        assertThat(chunks).hasSizeGreaterThan(2);
        JsonNode trace = trace(traceId(chunks), "gemini-stream");
        assertThat(trace.path("model").asText()).isEqualTo("gemini-2.5-flash");
        assertThat(trace.path("answer").asText()).isNotBlank().isEqualTo(text(chunks));
        assertThat(trace.path("request").path("params").path("stream").asBoolean())
                .isTrue();
        assertThat(trace.hasNonNull("timeToFirstTokenMs")).isTrue();
        assertUsage(trace, chunks.get(chunks.size() - 1));
    }

    @Test
    void vertexAi() {
        // Given an application on Vertex AI, with a project, a location and an OAuth token, and a Gemini 3 thinking
        // level
        GenerateContentConfig config =
                config("vertex", "fixture-gemini", thinking().thinkingLevel(ThinkingLevel.Known.HIGH));

        // When it generates content
        GenerateContentResponse response =
                vertex.models.generateContent("gemini-3-pro-preview", "Which route?", config);

        // Then the call went to the project's Vertex path with the bearer token, and the trace has the SDK's answer
        assertThat(upstream.uris())
                .singleElement()
                .satisfies(uri -> assertThat(uri)
                        .matches("/v1(beta1)?/projects/acme-prod/locations/us-central1/publishers/google/models/"
                                + "gemini-3-pro-preview:generateContent.*"));
        assertThat(upstream.received().get(0).get("authorization")).isEqualTo("Bearer " + TOKEN);
        JsonNode trace = trace(traceId(List.of(response)), "vertex");
        assertThat(trace.path("provider").asText()).isEqualTo("gemini");
        assertThat(trace.path("model").asText()).isEqualTo("gemini-3-pro-preview");
        assertThat(trace.path("answer").asText()).isNotBlank().isEqualTo(response.text());
        assertThat(trace.path("reasoningText").asText()).isEqualTo(thoughts(List.of(response)));
        assertThat(trace.path("request").path("params").path("reasoningEffort").asText())
                .isEqualToIgnoringCase("high");
        assertUsage(trace, response);
        assertThat(trace.toString()).doesNotContain(TOKEN);
    }

    @Test
    void vertexAiStreamedGoesToTheVertexUpstream() {
        // Given a streamed Vertex AI call naming no upstream
        GenerateContentConfig config = config("vertex-stream", null, thinking());

        // When the SDK streams it
        List<GenerateContentResponse> chunks = stream(vertex, "gemini-2.5-pro", config);

        // Then it reached the 'vertex' upstream, and the trace has the whole answer and the last chunk's usage
        assertThat(upstream.received()).isEmpty();
        JsonNode trace = trace(traceId(chunks), "vertex-stream");
        assertThat(trace.path("model").asText()).isEqualTo("gemini-2.5-pro");
        assertThat(trace.path("answer").asText()).isNotBlank().isEqualTo(text(chunks));
        assertUsage(trace, chunks.get(chunks.size() - 1));
    }

    private static ThinkingConfig.Builder thinking() {
        return ThinkingConfig.builder().includeThoughts(true);
    }

    private static GenerateContentConfig config(String session, String upstreamName, ThinkingConfig.Builder thinking) {
        Map<String, String> headers = upstreamName == null
                ? Map.of("X-Thinkwatch-Session", session)
                : Map.of("X-Thinkwatch-Session", session, "X-Thinkwatch-Upstream", upstreamName);
        return GenerateContentConfig.builder()
                .maxOutputTokens(8000)
                .thinkingConfig(thinking.build())
                .httpOptions(HttpOptions.builder().headers(headers).build())
                .build();
    }

    private static List<GenerateContentResponse> stream(Client client, String model, GenerateContentConfig config) {
        List<GenerateContentResponse> chunks = new ArrayList<>();
        try (ResponseStream<GenerateContentResponse> stream =
                client.models.generateContentStream(model, "Does the loop terminate?", config)) {
            stream.forEach(chunks::add);
        }
        return chunks;
    }

    /** The trace id header, as the SDK hands the HTTP response's headers to the application. */
    private static String traceId(List<GenerateContentResponse> responses) {
        return responses.stream()
                .map(GenerateContentResponse::sdkHttpResponse)
                .flatMap(Optional::stream)
                .map(HttpResponse::headers)
                .flatMap(Optional::stream)
                .flatMap(headers -> headers.entrySet().stream())
                .filter(header -> header.getKey().equalsIgnoreCase("X-Thinkwatch-Trace-Id"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow();
    }

    private static String text(List<GenerateContentResponse> chunks) {
        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk -> parts(chunk).stream()
                .filter(part -> !part.thought().orElse(false))
                .forEach(part -> part.text().ifPresent(text::append)));
        return text.toString();
    }

    private static String thoughts(List<GenerateContentResponse> responses) {
        StringBuilder text = new StringBuilder();
        responses.forEach(response -> parts(response).stream()
                .filter(part -> part.thought().orElse(false))
                .forEach(part -> part.text().ifPresent(text::append)));
        return text.toString();
    }

    private static List<Part> parts(GenerateContentResponse response) {
        return response.parts() == null ? List.of() : response.parts();
    }

    private JsonNode trace(String traceId, String session) {
        JsonNode trace = CapturedTraces.find(bootstrap, traceId);
        assertThat(trace.path("sessionId").asText()).isEqualTo(session);
        assertThat(trace.path("status").asText()).isEqualTo("ok");
        return trace;
    }

    private static void assertUsage(JsonNode trace, GenerateContentResponse last) {
        var usage = last.usageMetadata().orElseThrow();
        JsonNode recorded = trace.path("usage");
        assertThat(recorded.path("source").asText()).isEqualTo("provider");
        assertThat(recorded.path("inputTokens").asLong())
                .isEqualTo(usage.promptTokenCount().orElseThrow().longValue());
        assertThat(recorded.path("reasoningTokens").asLong()).isEqualTo(REASONING);
        assertThat(usage.thoughtsTokenCount()).contains(REASONING);
        assertThat(recorded.path("outputTokens").asLong())
                .isEqualTo((long) usage.candidatesTokenCount().orElse(0) + REASONING);
    }
}
