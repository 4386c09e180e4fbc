package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.thinkwatch.simulator.SimulatorServer;
import io.vertx.core.MultiMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.azure.AzureUrlPathMode;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;

/**
 * The official OpenAI Java SDK in its Azure OpenAI mode (an {@code api-key} credential, an {@code api-version},
 * deployment paths or the v1 paths), pointed at capture: the SDK reads its answers as from Azure, the trace holds
 * the same answer and usage with the deployment as the model, and the {@code api-key} reaches the upstream and
 * never the trace.
 */
@QuarkusTest
class AzureOpenAiSdkIT {

    private static final long REASONING = 555;
    private static final String KEY = "azure-key-0123456789abcdef";

    @Inject
    CaptureServer capture;

    @Inject
    SimulatorServer simulator;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private RecordingRelay upstream;
    private OpenAIClient deployments;
    private OpenAIClient v1;

    @BeforeEach
    void start() {
        upstream = new RecordingRelay(simulator.port());
        deployments = OpenAIOkHttpClient.builder()
                .baseUrl("http://127.0.0.1:" + capture.port())
                .credential(AzureApiKeyCredential.create(KEY))
                .azureServiceVersion(AzureOpenAIServiceVersion.fromString("2025-04-01-preview"))
                .azureUrlPathMode(AzureUrlPathMode.LEGACY)
                .putHeader("X-Simulator-Reasoning-Tokens", Long.toString(REASONING))
                .responseValidation(true)
                .maxRetries(0)
                .build();
        v1 = OpenAIOkHttpClient.builder()
                .baseUrl("http://127.0.0.1:" + capture.port() + "/openai/v1")
                .credential(AzureApiKeyCredential.create(KEY))
                .azureUrlPathMode(AzureUrlPathMode.UNIFIED)
                .putHeader("X-Simulator-Reasoning-Tokens", Long.toString(REASONING))
                .responseValidation(true)
                .maxRetries(0)
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        deployments.close();
        v1.close();
        upstream.close();
    }

    @Test
    void chatCompletionOnADeployment() {
        // Given an application on Azure OpenAI, whose deployment 'prod-o4' stands for the model
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("prod-o4")
                .addUserMessage("Which route is shortest?")
                .maxCompletionTokens(4000)
                .putAdditionalHeader("X-Thinkwatch-Upstream", "fixture")
                .putAdditionalHeader("X-Thinkwatch-Session", "azure-chat")
                .build();

        // When it asks for a chat completion
        ChatCompletion completion;
        List<String> traceId;
        try (HttpResponseFor<ChatCompletion> raw =
                deployments.chat().completions().withRawResponse().create(params)) {
            completion = raw.parse();
            traceId = raw.headers().values("X-Thinkwatch-Trace-Id");
        }

        // Then it went to the deployment's path with the api-key and api-version, and the trace has the SDK's answer
        assertThat(upstream.uris())
                .singleElement()
                .satisfies(uri -> assertThat(uri)
                        .startsWith("/openai/deployments/prod-o4/chat/completions?")
                        .contains("api-version=2025-04-01-preview"));
        MultiMap headers = upstream.received().get(0);
        assertThat(headers.get("api-key")).isEqualTo(KEY);
        assertThat(headers.names())
                .noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("x-thinkwatch-"));
        String answer = completion.choices().get(0).message().content().orElseThrow();
        CompletionUsage usage = completion.usage().orElseThrow();
        JsonNode trace = trace(traceId, "azure-chat");
        assertThat(trace.path("provider").asText()).isEqualTo("openai");
        assertThat(trace.path("api").asText()).isEqualTo("chat.completions");
        assertThat(trace.path("model").asText()).isEqualTo("prod-o4");
        assertThat(trace.path("answer").asText()).isNotBlank().isEqualTo(answer);
        assertThat(trace.path("finishReason").asText()).isEqualTo("stop");
        assertThat(trace.path("maxOutputTokens").asLong()).isEqualTo(4000);
        assertThat(trace.path("usage").path("outputTokens").asLong()).isEqualTo(usage.completionTokens());
        assertThat(trace.path("usage").path("reasoningTokens").asLong()).isEqualTo(REASONING);
    }

    @Test
    void streamedChatCompletionOnADeploymentGoesToTheAzureUpstream() {
        // Given a streamed chat completion on a deployment, naming no upstream
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("prod-o4")
                .addUserMessage("Does the loop terminate?")
                .putAdditionalHeader("X-Thinkwatch-Session", "azure-chat-stream")
                .build();

        // When the SDK streams it
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        List<String> traceId;
        try (HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw =
                deployments.chat().completions().withRawResponse().createStreaming(params)) {
            traceId = raw.headers().values("X-Thinkwatch-Trace-Id");
            raw.parse().stream().forEach(accumulator::accumulate);
        }
        ChatCompletion completion = accumulator.chatCompletion();

        // Then the stream reached the SDK whole through the 'azure' upstream, and the trace has its answer and the
        // usage capture asked for
        String answer = completion.choices().get(0).message().content().orElseThrow();
        assertThat(upstream.received()).isEmpty();
        JsonNode trace = trace(traceId, "azure-chat-stream");
        assertThat(trace.path("model").asText()).isEqualTo("prod-o4");
        assertThat(trace.path("answer").asText()).isNotBlank().isEqualTo(answer);
        assertThat(trace.path("request").path("params").path("stream").asBoolean())
                .isTrue();
        assertThat(trace.path("usage").path("source").asText()).isEqualTo("provider");
        assertThat(trace.path("usage").path("reasoningTokens").asLong()).isEqualTo(REASONING);
    }

    @Test
    void responseOnTheV1Path() {
        // Given an application on Azure's v1 API, which names the model in the body
        ResponseCreateParams params = ResponseCreateParams.builder()
                .model("gpt-5-mini")
                .input("Which route is shortest?")
                .maxOutputTokens(3000)
                .putAdditionalHeader("X-Thinkwatch-Upstream", "fixture")
                .putAdditionalHeader("X-Thinkwatch-Session", "azure-responses")
                .build();

        // When it creates a response
        Response response;
        List<String> traceId;
        try (HttpResponseFor<Response> raw = v1.responses().withRawResponse().create(params)) {
            response = raw.parse();
            traceId = raw.headers().values("X-Thinkwatch-Trace-Id");
        }

        // Then the call went to /openai/v1/responses with the api-key, and the trace has the answer and usage
        assertThat(upstream.uris())
                .singleElement()
                .satisfies(uri -> assertThat(uri).startsWith("/openai/v1/responses"));
        assertThat(upstream.received().get(0).get("api-key")).isEqualTo(KEY);
        StringBuilder answer = new StringBuilder();
        response.output()
                .forEach(item -> item.message()
                        .ifPresent(message -> message.content()
                                .forEach(content ->
                                        content.outputText().ifPresent(part -> answer.append(part.text())))));
        JsonNode trace = trace(traceId, "azure-responses");
        assertThat(trace.path("api").asText()).isEqualTo("responses");
        assertThat(trace.path("model").asText()).isEqualTo("gpt-5-mini");
        assertThat(trace.path("answer").asText()).isNotBlank().isEqualTo(answer.toString());
        assertThat(trace.path("usage").path("reasoningTokens").asLong()).isEqualTo(REASONING);
        assertThat(trace.path("usage").path("outputTokens").asLong())
                .isEqualTo(response.usage().orElseThrow().outputTokens());
    }

    @Test
    void chatCompletionOnTheV1Path() {
        // Given a chat completion on Azure's v1 API
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("o4-mini")
                .addUserMessage("Which route is shortest?")
                .putAdditionalHeader("X-Thinkwatch-Session", "azure-v1-chat")
                .build();

        // When it asks for a chat completion
        ChatCompletion completion;
        List<String> traceId;
        try (HttpResponseFor<ChatCompletion> raw =
                v1.chat().completions().withRawResponse().create(params)) {
            completion = raw.parse();
            traceId = raw.headers().values("X-Thinkwatch-Trace-Id");
        }

        // Then it is recorded as a chat completion of the model the body names
        JsonNode trace = trace(traceId, "azure-v1-chat");
        assertThat(trace.path("model").asText()).isEqualTo("o4-mini");
        assertThat(trace.path("answer").asText())
                .isEqualTo(completion.choices().get(0).message().content().orElseThrow());
    }

    private JsonNode trace(List<String> traceIdHeader, String session) {
        assertThat(traceIdHeader).hasSize(1);
        JsonNode trace = CapturedTraces.find(bootstrap, traceIdHeader.get(0));
        assertThat(trace.path("sessionId").asText()).isEqualTo(session);
        assertThat(trace.path("status").asText()).isEqualTo("ok");
        assertThat(trace.toString()).doesNotContain(KEY);
        return trace;
    }
}
