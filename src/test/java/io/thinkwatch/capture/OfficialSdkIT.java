package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.thinkwatch.simulator.SimulatorServer;
import io.vertx.core.MultiMap;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;

/**
 * The official OpenAI and Anthropic Java SDKs, pointed at capture as an application would point them (only
 * the base URL changes), call the simulator through it, plain and streamed. The SDK reads the answer as it
 * would from the provider, the trace on Kafka holds the same answer and usage, and the attribution headers
 * given through the SDK's extra-header option land in the trace and never reach the upstream.
 */
@QuarkusTest
class OfficialSdkIT {

    private static final long REASONING = 777;

    @Inject
    CaptureServer capture;

    @Inject
    SimulatorServer simulator;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private RecordingRelay upstream;
    private OpenAIClient openAi;
    private AnthropicClient anthropic;

    @BeforeEach
    void start() throws Exception {
        // the fixture upstreams point at this relay, which passes everything on to the simulator
        upstream = new RecordingRelay(simulator.port());
        openAi = OpenAIOkHttpClient.builder()
                .baseUrl("http://127.0.0.1:" + capture.port() + "/v1")
                .apiKey("sk-openai-test")
                .responseValidation(true)
                .maxRetries(0)
                .build();
        anthropic = AnthropicOkHttpClient.builder()
                .baseUrl("http://127.0.0.1:" + capture.port())
                .apiKey("sk-ant-test")
                .responseValidation(true)
                .maxRetries(0)
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        openAi.close();
        anthropic.close();
        upstream.close();
    }

    @Test
    void openAiChatCompletion() {
        // Given an application using the OpenAI SDK, its base URL set to capture
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("o3-mini")
                .addUserMessage("Which route is shortest?")
                .maxCompletionTokens(4000)
                .reasoningEffort(ReasoningEffort.HIGH)
                .putAdditionalHeader("X-Thinkwatch-Upstream", "fixture")
                .putAllAdditionalHeaders(attribution("chat"))
                .build();

        // When it asks for a chat completion
        ChatCompletion completion;
        java.util.List<String> traceIds;
        try (HttpResponseFor<ChatCompletion> raw =
                openAi.chat().completions().withRawResponse().create(params)) {
            completion = raw.parse();
            traceIds = raw.headers().values("X-Thinkwatch-Trace-Id");
        }

        // Then the SDK reads the answer and usage, and the trace holds the same
        String answer = completion.choices().get(0).message().content().orElseThrow();
        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(answer).isNotBlank();
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens())
                .contains(REASONING);
        JsonNode trace = trace(traceIds, "chat");
        assertThat(trace.path("provider").asText()).isEqualTo("openai");
        assertThat(trace.path("api").asText()).isEqualTo("chat.completions");
        assertThat(trace.path("model").asText()).isEqualTo("o3-mini");
        assertThat(trace.path("answer").asText()).isEqualTo(answer);
        assertThat(trace.path("finishReason").asText()).isEqualTo("stop");
        assertThat(trace.path("request").path("params").path("reasoningEffort").asText())
                .isEqualTo("high");
        assertThat(trace.path("maxOutputTokens").asLong()).isEqualTo(4000);
        assertUsage(trace, usage.promptTokens(), usage.completionTokens(), REASONING);
        assertForwardedWithoutAttribution("authorization", "Bearer sk-openai-test");
    }

    @Test
    void openAiChatCompletionStreamed() {
        // Given a streamed chat completion that does not ask for usage, as the SDK sends it by default
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("o4-mini")
                .addUserMessage("Does the loop terminate?")
                .putAdditionalHeader("X-Thinkwatch-Upstream", "fixture")
                .putAllAdditionalHeaders(attribution("chat-stream"))
                .build();

        // When the SDK streams it and accumulates the chunks
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        List<String> traceId;
        int chunks;
        try (HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw =
                openAi.chat().completions().withRawResponse().createStreaming(params)) {
            traceId = raw.headers().values("X-Thinkwatch-Trace-Id");
            chunks = (int) raw.parse().stream().map(accumulator::accumulate).count();
        }
        ChatCompletion completion = accumulator.chatCompletion();

        // Then the SDK got the answer word by word and the stream it asked for (no usage chunk),
        // while the trace has the provider's usage that capture asked for upstream
        String answer = completion.choices().get(0).message().content().orElseThrow();
        assertThat(chunks).isEqualTo(answer.split(" ").length + 2);
        assertThat(completion.usage()).isEmpty();
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        JsonNode trace = trace(traceId, "chat-stream");
        assertThat(trace.path("answer").asText()).isEqualTo(answer);
        assertThat(trace.path("finishReason").asText()).isEqualTo("stop");
        assertThat(trace.path("request").path("params").path("stream").asBoolean())
                .isTrue();
        assertThat(trace.hasNonNull("timeToFirstTokenMs")).isTrue();
        assertThat(trace.path("usage").path("reasoningTokens").asLong()).isEqualTo(REASONING);
        assertThat(trace.path("usage").path("source").asText()).isEqualTo("provider");
        assertForwardedWithoutAttribution("authorization", "Bearer sk-openai-test");
    }

    @Test
    void openAiChatCompletionStreamedWithUsage() {
        // Given a streamed chat completion that asks for usage
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("o4-mini")
                .addUserMessage("Does the loop terminate?")
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .putAdditionalHeader("X-Thinkwatch-Upstream", "fixture")
                .putAllAdditionalHeaders(attribution("chat-stream-usage"))
                .build();

        // When the SDK streams it
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        List<String> traceId;
        try (HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw =
                openAi.chat().completions().withRawResponse().createStreaming(params)) {
            traceId = raw.headers().values("X-Thinkwatch-Trace-Id");
            raw.parse().stream().forEach(accumulator::accumulate);
        }
        ChatCompletion completion = accumulator.chatCompletion();

        // Then the SDK reads the same usage as the trace records
        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens())
                .contains(REASONING);
        JsonNode trace = trace(traceId, "chat-stream-usage");
        assertThat(trace.path("answer").asText())
                .isEqualTo(completion.choices().get(0).message().content().orElseThrow());
        assertUsage(trace, usage.promptTokens(), usage.completionTokens(), REASONING);
    }

    @Test
    void openAiResponse() {
        // Given an application calling the Responses API through the SDK
        ResponseCreateParams params = ResponseCreateParams.builder()
                .model("o3")
                .input("Which route is shortest?")
                .maxOutputTokens(4000)
                .putAdditionalHeader("X-Thinkwatch-Upstream", "fixture")
                .putAllAdditionalHeaders(attribution("responses"))
                .build();

        // When it creates a response
        Response response;
        java.util.List<String> traceIds;
        try (HttpResponseFor<Response> raw =
                openAi.responses().withRawResponse().create(params)) {
            response = raw.parse();
            traceIds = raw.headers().values("X-Thinkwatch-Trace-Id");
        }

        // Then the SDK reads the answer text and usage, and the trace holds the same with the reasoning summary
        String answer = outputText(response);
        ResponseUsage usage = response.usage().orElseThrow();
        assertThat(answer).isNotBlank();
        assertThat(response.status()).contains(ResponseStatus.COMPLETED);
        assertThat(usage.outputTokensDetails().reasoningTokens()).isEqualTo(REASONING);
        JsonNode trace = trace(traceIds, "responses");
        assertThat(trace.path("api").asText()).isEqualTo("responses");
        assertThat(trace.path("answer").asText()).isEqualTo(answer);
        assertThat(trace.path("reasoningText").asText()).isEqualTo(reasoningSummary(response));
        assertThat(trace.path("finishReason").asText()).isEqualTo("stop");
        assertThat(trace.path("maxOutputTokens").asLong()).isEqualTo(4000);
        assertUsage(trace, usage.inputTokens(), usage.outputTokens(), REASONING);
        assertForwardedWithoutAttribution("authorization", "Bearer sk-openai-test");
    }

    @Test
    void openAiResponseStreamed() {
        // Given a streamed Responses call
        ResponseCreateParams params = ResponseCreateParams.builder()
                .model("o3")
                .input("Which route is shortest?")
                .putAdditionalHeader("X-Thinkwatch-Upstream", "fixture")
                .putAllAdditionalHeaders(attribution("responses-stream"))
                .build();

        // When the SDK streams it, showing the text as it grows
        ResponseAccumulator accumulator = ResponseAccumulator.createWithSnapshots();
        StringBuilder shown = new StringBuilder();
        List<String> traceId;
        try (HttpResponseFor<StreamResponse<ResponseStreamEvent>> raw =
                openAi.responses().withRawResponse().createStreaming(params)) {
            traceId = raw.headers().values("X-Thinkwatch-Trace-Id");
            raw.parse().stream()
                    .map(accumulator::accumulate)
                    .filter(ResponseStreamEvent::isOutputTextDelta)
                    .forEach(delta -> {
                        shown.append(delta.asOutputTextDelta().delta());
                        assertThat(accumulator.snapshot().map(OfficialSdkIT::outputText))
                                .contains(shown.toString());
                    });
        }
        Response response = accumulator.response();

        // Then the deltas make up the final answer, and the trace has it with the usage of response.completed
        String answer = outputText(response);
        assertThat(answer).isNotBlank().isEqualTo(shown.toString());
        ResponseUsage usage = response.usage().orElseThrow();
        JsonNode trace = trace(traceId, "responses-stream");
        assertThat(trace.path("answer").asText()).isEqualTo(answer);
        assertThat(trace.path("reasoningText").asText()).isEqualTo(reasoningSummary(response));
        assertThat(trace.path("finishReason").asText()).isEqualTo("stop");
        assertThat(trace.hasNonNull("timeToFirstTokenMs")).isTrue();
        assertUsage(trace, usage.inputTokens(), usage.outputTokens(), REASONING);
        assertForwardedWithoutAttribution("authorization", "Bearer sk-openai-test");
    }

    @Test
    void anthropicMessage() {
        // Given an application using the Anthropic SDK with extended thinking, its base URL set to capture
        MessageCreateParams params = MessageCreateParams.builder()
                .model("claude-sonnet-4-5")
                .maxTokens(4000)
                .enabledThinking(2000)
                .addUserMessage("Which route is shortest?")
                .putAdditionalHeader("X-Thinkwatch-Upstream", "fixture-anthropic")
                .putAllAdditionalHeaders(attribution("messages"))
                .build();

        // When it creates a message
        Message message;
        java.util.List<String> traceIds;
        try (com.anthropic.core.http.HttpResponseFor<Message> raw =
                anthropic.messages().withRawResponse().create(params)) {
            message = raw.parse();
            traceIds = raw.headers().values("X-Thinkwatch-Trace-Id");
        }

        // Then the SDK reads text, thinking and usage, and the trace holds the same
        String answer = text(message);
        assertThat(answer).isNotBlank();
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        JsonNode trace = trace(traceIds, "messages");
        assertThat(trace.path("provider").asText()).isEqualTo("anthropic");
        assertThat(trace.path("api").asText()).isEqualTo("messages");
        assertThat(trace.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(trace.path("answer").asText()).isEqualTo(answer);
        assertThat(trace.path("reasoningText").asText()).isEqualTo(thinking(message));
        assertThat(trace.path("finishReason").asText()).isEqualTo("stop");
        assertThat(trace.path("rawFinishReason").asText()).isEqualTo("end_turn");
        assertThat(trace.path("request").path("params").path("thinkingBudget").asLong())
                .isEqualTo(2000);
        assertUsage(trace, message.usage().inputTokens(), message.usage().outputTokens(), REASONING);
        assertForwardedWithoutAttribution("authorization", "Bearer sk-ant-test");
    }

    @Test
    void anthropicMessageStreamed() {
        // Given a streamed Anthropic call with extended thinking
        MessageCreateParams params = MessageCreateParams.builder()
                .model("claude-sonnet-4-5")
                .maxTokens(4000)
                .enabledThinking(2000)
                .addUserMessage("Which route is shortest?")
                .putAdditionalHeader("X-Thinkwatch-Upstream", "fixture-anthropic")
                .putAllAdditionalHeaders(attribution("messages-stream"))
                .build();

        // When the SDK streams it and accumulates the events
        MessageAccumulator accumulator = MessageAccumulator.create();
        List<String> traceId;
        try (com.anthropic.core.http.HttpResponseFor<com.anthropic.core.http.StreamResponse<RawMessageStreamEvent>>
                raw = anthropic.messages().withRawResponse().createStreaming(params)) {
            traceId = raw.headers().values("X-Thinkwatch-Trace-Id");
            raw.parse().stream().forEach(accumulator::accumulate);
        }
        Message message = accumulator.message();

        // Then the trace has the text, thinking and final cumulative usage the SDK read
        String answer = text(message);
        assertThat(answer).isNotBlank();
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        JsonNode trace = trace(traceId, "messages-stream");
        assertThat(trace.path("answer").asText()).isEqualTo(answer);
        assertThat(trace.path("reasoningText").asText()).isEqualTo(thinking(message));
        assertThat(trace.path("finishReason").asText()).isEqualTo("stop");
        assertThat(trace.hasNonNull("timeToFirstTokenMs")).isTrue();
        assertUsage(trace, message.usage().inputTokens(), message.usage().outputTokens(), REASONING);
        assertForwardedWithoutAttribution("authorization", "Bearer sk-ant-test");
    }

    /** Attribution for one call, plus the simulator's reasoning count (which must reach the upstream). */
    private static Map<String, List<String>> attribution(String session) {
        return Map.of(
                "X-Thinkwatch-App",
                List.of("sdk-app"),
                "X-Thinkwatch-User",
                List.of("user-42"),
                "X-Thinkwatch-Session",
                List.of(session),
                "X-Thinkwatch-Tags",
                List.of("team=routing,sdk=official"),
                "X-Simulator-Reasoning-Tokens",
                List.of(Long.toString(REASONING)));
    }

    /** The trace of the call from Kafka, with the attribution the SDK sent. */
    private JsonNode trace(List<String> traceIdHeader, String session) {
        assertThat(traceIdHeader).hasSize(1);
        JsonNode trace = CapturedTraces.find(bootstrap, traceIdHeader.get(0));
        assertThat(trace.path("tenant").asText()).isEqualTo("default");
        assertThat(trace.path("app").asText()).isEqualTo("sdk-app");
        assertThat(trace.path("userId").asText()).isEqualTo("user-42");
        assertThat(trace.path("sessionId").asText()).isEqualTo(session);
        assertThat(trace.path("tags").path("team").asText()).isEqualTo("routing");
        assertThat(trace.path("tags").path("sdk").asText()).isEqualTo("official");
        assertThat(trace.path("status").asText()).isEqualTo("ok");
        assertThat(trace.toString()).doesNotContain("sk-openai-test").doesNotContain("sk-ant-test");
        return trace;
    }

    /** The upstream got the one call with the SDK's credential and simulator header, but no X-Thinkwatch-*. */
    private void assertForwardedWithoutAttribution(String credentialHeader, String credential) {
        assertThat(upstream.received()).hasSize(1);
        MultiMap headers = upstream.received().get(0);
        assertThat(headers.get(credentialHeader))
                .as(headers.entries().toString())
                .isEqualTo(credential);
        assertThat(headers.get("X-Simulator-Reasoning-Tokens")).isEqualTo(Long.toString(REASONING));
        assertThat(headers.names())
                .noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("x-thinkwatch-"));
    }

    private static void assertUsage(JsonNode trace, long input, long output, long reasoning) {
        JsonNode usage = trace.path("usage");
        assertThat(usage.path("source").asText()).isEqualTo("provider");
        assertThat(usage.path("inputTokens").asLong()).isEqualTo(input);
        assertThat(usage.path("outputTokens").asLong()).isEqualTo(output);
        assertThat(usage.path("reasoningTokens").asLong()).isEqualTo(reasoning);
        assertThat(usage.path("visibleOutputTokens").asLong()).isEqualTo(output - reasoning);
    }

    private static String outputText(Response response) {
        StringBuilder text = new StringBuilder();
        response.output()
                .forEach(item -> item.message()
                        .ifPresent(message -> message.content()
                                .forEach(content -> content.outputText().ifPresent(part -> text.append(part.text())))));
        return text.toString();
    }

    private static String reasoningSummary(Response response) {
        StringBuilder text = new StringBuilder();
        response.output()
                .forEach(item -> item.reasoning()
                        .ifPresent(reasoning -> reasoning.summary().forEach(summary -> text.append(summary.text()))));
        return text.toString();
    }

    private static String text(Message message) {
        StringBuilder text = new StringBuilder();
        message.content().stream()
                .map(ContentBlock::text)
                .forEach(block -> block.ifPresent(b -> text.append(b.text())));
        return text.toString();
    }

    private static String thinking(Message message) {
        StringBuilder text = new StringBuilder();
        message.content().stream()
                .map(ContentBlock::thinking)
                .forEach(block -> block.ifPresent(b -> text.append(b.thinking())));
        return text.toString();
    }
}
