package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Each recorded API through capture with real Kafka: the application gets the provider's bytes unchanged,
 * streamed or not, and the trace on Kafka holds what the provider said, normalized.
 */
@QuarkusTest
class ProviderApisIT {

    private static final String SSE = "text/event-stream; charset=utf-8";
    private static final String JSON = "application/json";

    @Inject
    CaptureServer capture;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private FixtureProvider provider;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startProvider() throws Exception {
        provider = new FixtureProvider();
    }

    @AfterEach
    void stopProvider() throws Exception {
        provider.close();
    }

    @Test
    void openAiResponses() throws Exception {
        // Given a Responses answer with reasoning summaries
        provider.answer("openai-responses/ok.json", JSON);

        // When the application calls /v1/responses through capture
        JsonNode trace = call("fixture", "/v1/responses", """
                {"model":"o3","input":"Which route?","max_output_tokens":4000,
                 "reasoning":{"effort":"high","summary":"auto"}}""");

        // Then the trace has the answer, the summaries and the provider's usage
        assertThat(trace.path("provider").asText()).isEqualTo("openai");
        assertThat(trace.path("api").asText()).isEqualTo("responses");
        assertThat(trace.path("model").asText()).isEqualTo("o3");
        assertThat(trace.path("responseModel").asText()).isEqualTo("o3-2025-04-16");
        assertThat(trace.path("answer").asText()).isEqualTo("Take route B.");
        assertThat(trace.path("reasoningText").asText()).endsWith("B is shorter.");
        assertThat(trace.path("finishReason").asText()).isEqualTo("stop");
        assertThat(trace.path("status").asText()).isEqualTo("ok");
        assertUsage(trace, 200, 128, 1500, 1472);
        assertThat(trace.path("maxOutputTokens").asLong()).isEqualTo(4000);
        assertThat(trace.path("request").path("params").path("reasoningEffort").asText())
                .isEqualTo("high");
        assertThat(trace.path("truncated").asBoolean()).isFalse();
        assertThat(trace.path("emptyAnswer").asBoolean()).isFalse();
        // o3 at 2.00 / 0.50 / 8.00: 72 fresh + 128 cached input, 1500 output
        assertThat(trace.path("costUsd").decimalValue()).isEqualByComparingTo("0.012208");
        assertThat(trace.path("priceVersion").asText()).isNotBlank();
    }

    @Test
    void chatCompletionsStreamedToolCalls() throws Exception {
        // Given a streamed Chat Completion that calls two tools, the first one's arguments in pieces
        provider.answer("openai-chat/stream-tool-calls.sse", SSE);

        // When the application streams it through capture, asking for the usage chunk the fixture has (call() checks
        // it got the provider's bytes unchanged; a usage chunk it did not ask for would be capture's, and removed)
        JsonNode trace = call("fixture", "/v1/chat/completions", """
                {"model":"o3","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Weather in Zürich?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather"}}]}""");

        // Then the trace has both calls with their sizes and arguments, and the tool-call finish is not empty
        assertThat(trace.path("toolCallCount").asInt()).isEqualTo(2);
        assertThat(trace.at("/toolCalls/0/name").asText()).isEqualTo("get_weather");
        assertThat(trace.at("/toolCalls/0/id").asText()).isEqualTo("call_abc");
        assertThat(trace.at("/toolCalls/0/argumentBytes").asLong()).isEqualTo(18);
        assertThat(trace.at("/toolCalls/0/arguments").asText()).isEqualTo("{\"city\":\"Zürich\"}");
        assertThat(trace.at("/toolCalls/1/name").asText()).isEqualTo("get_time");
        assertThat(trace.path("finishReason").asText()).isEqualTo("tool_calls");
        assertThat(trace.path("emptyAnswer").asBoolean()).isFalse();
    }

    @Test
    void openAiResponsesStreamedFunctionCall() throws Exception {
        // Given a streamed Response that calls a function
        provider.answer("openai-responses/stream-function-call.sse", SSE);

        // When the application streams it through capture
        JsonNode trace = call("fixture", "/v1/responses", "{\"model\":\"o3\",\"input\":\"Weather?\",\"stream\":true}");

        // Then the trace has the call, and the tool-call finish is not empty
        assertThat(trace.path("toolCallCount").asInt()).isEqualTo(1);
        assertThat(trace.at("/toolCalls/0/id").asText()).isEqualTo("call_abc");
        assertThat(trace.at("/toolCalls/0/argumentBytes").asLong()).isEqualTo(18);
        assertThat(trace.path("finishReason").asText()).isEqualTo("tool_calls");
        assertThat(trace.path("emptyAnswer").asBoolean()).isFalse();
    }

    @Test
    void anthropicMessagesStreamedToolUse() throws Exception {
        // Given a streamed Messages answer that thinks, then uses a tool, its input in input_json_delta pieces
        provider.answer("anthropic/stream-tool-use.sse", SSE);

        // When the application streams it through capture
        JsonNode trace = call("fixture-anthropic", "/v1/messages", """
                {"model":"claude-sonnet-4","max_tokens":8000,"stream":true,
                 "messages":[{"role":"user","content":"Weather in Zürich?"}]}""");

        // Then the trace has the tool use with its joined input, and the tool-use stop is not an empty answer
        assertThat(trace.path("toolCallCount").asInt()).isEqualTo(2);
        assertThat(trace.at("/toolCalls/0/id").asText()).isEqualTo("toolu_01");
        assertThat(trace.at("/toolCalls/0/arguments").asText()).isEqualTo("{\"city\": \"Zürich\"}");
        assertThat(trace.at("/toolCalls/0/argumentBytes").asLong()).isEqualTo(19);
        assertThat(trace.path("rawFinishReason").asText()).isEqualTo("tool_use");
        assertThat(trace.path("emptyAnswer").asBoolean()).isFalse();
    }

    @Test
    void veryLongTextIsCutInTheTraceButNotOnTheWire() throws Exception {
        // Given a prompt longer than the per-field limit (64K characters by default)
        provider.answer("openai-responses/ok.json", JSON);
        String prompt = "route ".repeat(12_000);

        // When it goes through capture (call() checks the provider got the whole body)
        JsonNode trace = call("fixture", "/v1/responses", "{\"model\":\"o3\",\"input\":\"" + prompt + "\"}");

        // Then the trace keeps the first 65536 characters and says how many more there were
        assertThat(trace.path("request").path("input").asText())
                .isEqualTo(prompt.substring(0, 65_536) + TextCut.marker(prompt.length() - 65_536));
    }

    @Test
    void openAiResponsesStream() throws Exception {
        // Given a streamed Responses answer
        provider.answer("openai-responses/stream-completed.sse", SSE);

        // When the application streams it through capture
        JsonNode trace =
                call("fixture", "/v1/responses", "{\"model\":\"o4-mini\",\"input\":\"Does it hold?\",\"stream\":true}");

        // Then the trace is assembled from the events, with usage from response.completed
        assertThat(trace.path("answer").asText()).isEqualTo("It holds.");
        assertThat(trace.path("reasoningText").asText()).isEqualTo("Checking the invariant.");
        assertThat(trace.path("responseModel").asText()).isEqualTo("o4-mini-2025-04-16");
        assertThat(trace.path("finishReason").asText()).isEqualTo("stop");
        assertUsage(trace, 30, 0, 700, 690);
        assertThat(trace.path("request").path("params").path("stream").asBoolean())
                .isTrue();
        assertThat(trace.hasNonNull("timeToFirstTokenMs")).isTrue();
    }

    @Test
    void anthropicMessages() throws Exception {
        // Given an Anthropic answer with thinking, redacted thinking and cache reads and writes
        provider.answer("anthropic/thinking-redacted.json", JSON);

        // When the application calls /v1/messages through capture
        JsonNode trace = call("fixture-anthropic", "/v1/messages", """
                {"model":"claude-sonnet-4","max_tokens":8000,"thinking":{"type":"enabled","budget_tokens":4000},
                 "messages":[{"role":"user","content":"Which route?"}]}""");

        // Then cache reads and writes are added to the input, and thinking is the reasoning text
        assertThat(trace.path("provider").asText()).isEqualTo("anthropic");
        assertThat(trace.path("api").asText()).isEqualTo("messages");
        assertThat(trace.path("answer").asText()).isEqualTo("Route B.");
        assertThat(trace.path("reasoningText").asText()).startsWith("The user wants the shorter route.");
        assertThat(trace.path("finishReason").asText()).isEqualTo("stop");
        assertThat(trace.path("rawFinishReason").asText()).isEqualTo("end_turn");
        assertThat(trace.path("usage").path("inputTokens").asLong()).isEqualTo(1120);
        assertThat(trace.path("usage").path("cachedInputTokens").asLong()).isEqualTo(1000);
        assertThat(trace.path("usage").path("outputTokens").asLong()).isEqualTo(900);
        assertThat(trace.path("usage").hasNonNull("reasoningTokens"))
                .as("unknown, not 0")
                .isFalse();
        assertThat(trace.path("request").path("params").path("thinkingBudget").asLong())
                .isEqualTo(4000);
        assertThat(trace.path("emptyAnswer").asBoolean()).isFalse();
        // claude-sonnet-4: 20 x 3.00 + 1000 cache reads x 0.30 + 100 cache writes x 3.75 + 900 x 15.00
        assertThat(trace.path("costUsd").decimalValue()).isEqualByComparingTo("0.014235");
    }

    @Test
    void anthropicMessagesStream() throws Exception {
        // Given a streamed Anthropic answer whose usage comes in cumulative message_delta events
        provider.answer("anthropic/stream.sse", SSE);

        // When the application streams it through capture
        JsonNode trace = call("fixture-anthropic", "/v1/messages", """
                {"model":"claude-sonnet-4","max_tokens":8000,"stream":true,
                 "messages":[{"role":"user","content":"Which route?"}]}""");

        // Then the last cumulative usage counts, and thinking deltas form the reasoning text
        assertThat(trace.path("answer").asText()).isEqualTo("Route B.");
        assertThat(trace.path("reasoningText").asText()).startsWith("Compare the two routes.");
        assertThat(trace.path("finishReason").asText()).isEqualTo("stop");
        assertUsage(trace, 525, 500, 350, 340);
        assertThat(trace.hasNonNull("timeToFirstTokenMs")).isTrue();
    }

    @Test
    void geminiGenerateContent() throws Exception {
        // Given a Gemini answer with thought parts, whose thoughts are counted beside the candidates
        provider.answer("gemini/thoughts.json", JSON);

        // When the application calls generateContent with its key in the query
        JsonNode trace = call("fixture-gemini", "/v1beta/models/gemini-2.5-pro:generateContent?key=g-secret", """
                {"contents":[{"role":"user","parts":[{"text":"Which route?"}]}],
                 "generationConfig":{"maxOutputTokens":8192,"thinkingConfig":{"thinkingBudget":2048}}}""");

        // Then the key reached the provider but not the trace, and thoughts are added to the output
        assertThat(provider.lastUri()).isEqualTo("/v1beta/models/gemini-2.5-pro:generateContent?key=g-secret");
        assertThat(trace.toString()).doesNotContain("g-secret");
        assertThat(trace.path("provider").asText()).isEqualTo("gemini");
        assertThat(trace.path("api").asText()).isEqualTo("generateContent");
        assertThat(trace.path("model").asText()).isEqualTo("gemini-2.5-pro");
        assertThat(trace.path("answer").asText()).isEqualTo("Route B is shorter.");
        assertThat(trace.path("reasoningText").asText()).startsWith("**Weighing the routes**");
        assertThat(trace.path("finishReason").asText()).isEqualTo("stop");
        assertUsage(trace, 30, 10, 608, 600);
        assertThat(trace.path("maxOutputTokens").asLong()).isEqualTo(8192);
    }

    @Test
    void geminiStreamGenerateContent() throws Exception {
        // Given a streamed Gemini answer (alt=sse) with usage on the last chunk
        provider.answer("gemini/stream.sse", SSE);

        // When the application streams it through capture
        JsonNode trace = call(
                "fixture-gemini",
                "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Which route?\"}]}]}");

        // Then the parts are joined and the thoughts counted in the output
        assertThat(trace.path("model").asText()).isEqualTo("gemini-2.5-flash");
        assertThat(trace.path("answer").asText()).isEqualTo("Route B.");
        assertThat(trace.path("reasoningText").asText()).isEqualTo("Thinking about routes.");
        assertUsage(trace, 30, 0, 403, 400);
        assertThat(trace.hasNonNull("timeToFirstTokenMs")).isTrue();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            v1      | generateContent             | gemini/thoughts.json     | application/json          | Route B is shorter.
            v1      | streamGenerateContent?alt=sse | gemini/stream.sse      | text/event-stream; charset=utf-8 | Route B.
            v1      | streamGenerateContent       | gemini/stream-array.json | application/json          | Route B.
            v1alpha | generateContent             | gemini/thoughts.json     | application/json          | Route B is shorter.
            v1alpha | streamGenerateContent       | gemini/stream-array.json | application/json          | Route B.
            v1      | %3AgenerateContent          | gemini/thoughts.json     | application/json          | Route B is shorter.
            """)
    void geminiIsRecordedOnEveryApiVersionGoogleSdksCall(
            String version, String method, String fixture, String contentType, String answer) throws Exception {
        // Given a Gemini answer, plain, streamed as SSE or streamed as a JSON array
        provider.answer(fixture, contentType);

        // When the application calls the v1 or v1alpha API (the default of Google's own SDKs is v1), the colon
        // before the method perhaps percent-encoded
        String path = "/" + version + "/models/gemini-2.5-pro" + (method.startsWith("%") ? "" : ":") + method;
        JsonNode trace = call(
                "fixture-gemini", path, "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Which route?\"}]}]}");

        // Then the call is recorded as a Gemini call like one on v1beta
        assertThat(trace.path("provider").asText()).isEqualTo("gemini");
        assertThat(trace.path("api").asText()).isEqualTo("generateContent");
        assertThat(trace.path("model").asText()).isEqualTo("gemini-2.5-pro");
        assertThat(trace.path("answer").asText()).isEqualTo(answer);
        assertThat(provider.lastUri()).isEqualTo(path);
    }

    @Test
    void aGeminiCallThatNamesNoUpstreamGoesToTheGeminiUpstream() throws Exception {
        // Given the default upstreams (here all three served by the simulator, each with its provider)
        // When a Gemini SDK calls the v1 API without naming an upstream
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + capture.port() + "/v1/models/gemini-2.5-flash:generateContent"))
                        .header("content-type", JSON)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        // Then it reached the gemini upstream (not openai's) and was recorded
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode trace = CapturedTraces.find(
                bootstrap,
                response.headers().firstValue("X-Thinkwatch-Trace-Id").orElseThrow());
        assertThat(trace.path("provider").asText()).isEqualTo("gemini");
        assertThat(trace.path("model").asText()).isEqualTo("gemini-2.5-flash");
        StringBuilder answer = new StringBuilder();
        for (JsonNode part : new ObjectMapper()
                .readTree(response.body())
                .path("candidates")
                .path(0)
                .path("content")
                .path("parts")) {
            if (!part.path("thought").asBoolean(false)) {
                answer.append(part.path("text").asText());
            }
        }
        assertThat(trace.path("answer").asText()).isNotBlank().isEqualTo(answer.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            OpenAI Responses, reasoning | openai-responses/incomplete-empty.json | fixture | /v1/responses | {"model":"o3","input":"Sort them","max_output_tokens":2048} | max_output_tokens | 2048
            Anthropic Messages, thinking | anthropic/max-tokens-empty.json | fixture-anthropic | /v1/messages | {"model":"claude-opus-4","max_tokens":4096,"messages":[]} | max_tokens | 4096
            Gemini, thoughts | gemini/max-tokens-empty.json | fixture-gemini | /v1beta/models/gemini-2.5-flash:generateContent | {"contents":[],"generationConfig":{"maxOutputTokens":1024}} | MAX_TOKENS | 1024
            """)
    void wholeBudgetSpentOnReasoning(
            String api, String fixture, String upstream, String path, String body, String rawFinishReason, long budget)
            throws Exception {
        // Given an answer that ran out of output budget while reasoning, with nothing visible
        provider.answer(fixture, JSON);

        // When it passes through capture
        JsonNode trace = call(upstream, path, body);

        // Then the trace says it is cut off by the budget, with an empty answer and the budget all spent
        assertThat(trace.path("finishReason").asText()).isEqualTo("length");
        assertThat(trace.path("rawFinishReason").asText()).isEqualTo(rawFinishReason);
        assertThat(trace.path("status").asText()).isEqualTo("incomplete");
        assertThat(trace.path("truncated").asBoolean()).isTrue();
        assertThat(trace.path("emptyAnswer").asBoolean()).isTrue();
        assertThat(trace.path("maxOutputTokens").asLong()).isEqualTo(budget);
        assertThat(trace.path("usage").path("outputTokens").asLong()).isEqualTo(budget);
        assertThat(trace.path("budgetUsed").asDouble()).isEqualTo(1.0);
    }

    /** Calls capture, checks the client got the provider's bytes unchanged, and returns the trace. */
    private JsonNode call(String upstream, String path, String body) throws Exception {
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + capture.port() + path))
                        .header("content-type", JSON)
                        .header("X-Thinkwatch-Upstream", upstream)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(provider.body());
        assertThat(provider.lastBody()).isEqualTo(body);
        String traceId = response.headers().firstValue("X-Thinkwatch-Trace-Id").orElseThrow();
        JsonNode trace = CapturedTraces.find(bootstrap, traceId);
        assertThat(trace.path("usage").path("source").asText()).isEqualTo("provider");
        return trace;
    }

    private static void assertUsage(JsonNode trace, long input, long cached, long output, long reasoning) {
        JsonNode usage = trace.path("usage");
        assertThat(usage.path("inputTokens").asLong()).isEqualTo(input);
        assertThat(usage.path("cachedInputTokens").asLong()).isEqualTo(cached);
        assertThat(usage.path("outputTokens").asLong()).isEqualTo(output);
        assertThat(usage.path("reasoningTokens").asLong()).isEqualTo(reasoning);
        assertThat(usage.path("visibleOutputTokens").asLong()).isEqualTo(output - reasoning);
    }
}
