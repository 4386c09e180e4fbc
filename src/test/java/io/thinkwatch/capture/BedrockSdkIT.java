package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.thinkwatch.simulator.SimulatorServer;
import io.vertx.core.MultiMap;

import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;

/**
 * The AWS SDK for Java's Bedrock Runtime clients, their endpoint overridden to capture and static fake credentials,
 * call Converse and ConverseStream through it: every header the SigV4 signature covers ({@code Host} and the
 * capture's own headers too, when the SDK signed them) reaches the upstream as the SDK signed it and the body is the
 * one the signature hashed; the SDK reads the answer (the stream through its event-stream decoder) and the trace
 * holds the same text, reasoning and usage.
 */
@QuarkusTest
class BedrockSdkIT {

    private static final long REASONING = 333;
    private static final String MODEL = "anthropic.claude-sonnet-4-20250514-v1:0";
    private static final String SECRET = "fake/secret/key/for/bedrock/tests/only";

    @Inject
    CaptureServer capture;

    @Inject
    SimulatorServer simulator;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private RecordingRelay upstream;
    /** The headers of each request as the SDK signed and sent it. */
    private final List<Map<String, List<String>>> sent = new CopyOnWriteArrayList<>();

    private final ExecutionInterceptor signedRequests = new ExecutionInterceptor() {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            sent.add(context.httpRequest().headers());
        }
    };

    @BeforeEach
    void start() {
        upstream = new RecordingRelay(simulator.port());
    }

    @AfterEach
    void stop() throws Exception {
        upstream.close();
    }

    @Test
    void converseWithTheSignatureLeftIntact() throws Exception {
        // Given an application on Bedrock with Claude's thinking on, its endpoint overridden to capture
        ConverseResponse response;
        try (BedrockRuntimeClient client = BedrockRuntimeClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + capture.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .overrideConfiguration(c -> c.addExecutionInterceptor(signedRequests)
                        .putHeader("X-Thinkwatch-Upstream", "fixture-bedrock")
                        .putHeader("X-Thinkwatch-Session", "converse")
                        .putHeader("X-Simulator-Reasoning-Tokens", Long.toString(REASONING)))
                .build()) {

            // When it calls Converse
            response = client.converse(ConverseRequest.builder()
                    .modelId(MODEL)
                    .messages(question())
                    .inferenceConfig(
                            InferenceConfiguration.builder().maxTokens(4000).build())
                    .additionalModelRequestFields(thinking())
                    .build());
        }

        // Then every signed header reached the upstream exactly as signed, and the body is the one the signature hashed
        assertThat(sent).hasSize(1);
        Map<String, List<String>> signed = sent.get(0);
        String authorization = signed.get("Authorization").get(0);
        assertThat(authorization).startsWith("AWS4-HMAC-SHA256 ");
        MultiMap received = upstream.received().get(0);
        for (String name : SignedHeaders.of(authorization)) {
            List<String> values = signed.entrySet().stream()
                    .filter(header -> header.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElseThrow();
            assertThat(received.getAll(name)).as(name).isEqualTo(values);
        }
        assertThat(received.get("authorization")).isEqualTo(authorization);
        assertThat(SignedHeaders.of(authorization)).contains("host", "x-amz-date");
        String payloadHash = received.get("x-amz-content-sha256");
        if (payloadHash != null && !payloadHash.startsWith("UNSIGNED")) {
            assertThat(sha256(upstream.bodies().get(0).getBytes())).isEqualTo(payloadHash);
        }
        assertThat(upstream.uris().get(0)).isEqualTo("/model/anthropic.claude-sonnet-4-20250514-v1%3A0/converse");

        // and the SDK's answer, reasoning and usage are in the trace
        String traceId = response.sdkHttpResponse()
                .firstMatchingHeader("X-Thinkwatch-Trace-Id")
                .orElseThrow();
        JsonNode trace = trace(traceId, "converse");
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(trace.path("provider").asText()).isEqualTo("bedrock");
        assertThat(trace.path("api").asText()).isEqualTo("converse");
        assertThat(trace.path("model").asText()).isEqualTo(MODEL);
        assertThat(trace.path("answer").asText())
                .isNotBlank()
                .isEqualTo(text(response.output().message().content()));
        assertThat(trace.path("reasoningText").asText())
                .isNotBlank()
                .isEqualTo(reasoning(response.output().message().content()));
        assertThat(trace.path("finishReason").asText()).isEqualTo("stop");
        assertThat(trace.path("maxOutputTokens").asLong()).isEqualTo(4000);
        assertThat(trace.path("request").path("params").path("thinkingBudget").asLong())
                .isEqualTo(2000);
        JsonNode usage = trace.path("usage");
        assertThat(usage.path("inputTokens").asLong())
                .isEqualTo(response.usage().inputTokens().longValue());
        assertThat(usage.path("outputTokens").asLong())
                .isEqualTo(response.usage().outputTokens().longValue());
        assertThat(usage.path("outputTokens").asLong()).isGreaterThan(REASONING);
        assertThat(trace.toString()).doesNotContain(SECRET).doesNotContain(authorization);
    }

    @Test
    void converseStreamGoesToTheBedrockUpstream() {
        // Given an application streaming from Bedrock, naming no upstream
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        AtomicReference<String> traceId = new AtomicReference<>();
        AtomicReference<ConverseStreamMetadataEvent> metadata = new AtomicReference<>();
        AtomicReference<String> stop = new AtomicReference<>();
        try (BedrockRuntimeAsyncClient client = BedrockRuntimeAsyncClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + capture.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .overrideConfiguration(c -> c.putHeader("X-Thinkwatch-Session", "converse-stream")
                        .putHeader("X-Simulator-Reasoning-Tokens", Long.toString(REASONING)))
                .build()) {

            // When it calls ConverseStream and reads the events as they come
            client.converseStream(
                            ConverseStreamRequest.builder()
                                    .modelId(MODEL)
                                    .messages(question())
                                    .additionalModelRequestFields(thinking())
                                    .build(),
                            ConverseStreamResponseHandler.builder()
                                    .onResponse(r -> traceId.set(r.sdkHttpResponse()
                                            .firstMatchingHeader("X-Thinkwatch-Trace-Id")
                                            .orElse(null)))
                                    .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                                            .onContentBlockDelta(event -> {
                                                if (event.delta().text() != null) {
                                                    text.append(event.delta().text());
                                                }
                                                if (event.delta().reasoningContent() != null
                                                        && event.delta()
                                                                        .reasoningContent()
                                                                        .text()
                                                                != null) {
                                                    reasoning.append(event.delta()
                                                            .reasoningContent()
                                                            .text());
                                                }
                                            })
                                            .onMessageStop(event -> stop.set(event.stopReasonAsString()))
                                            .onMetadata(metadata::set)
                                            .build())
                                    .build())
                    .join();
        }

        // Then the SDK decoded the whole stream, and the trace has its text, reasoning, stop reason and usage
        assertThat(stop.get()).isEqualTo("end_turn");
        assertThat(upstream.received()).isEmpty();
        JsonNode trace = trace(traceId.get(), "converse-stream");
        assertThat(trace.path("answer").asText()).isNotBlank().isEqualTo(text.toString());
        assertThat(trace.path("reasoningText").asText()).isEqualTo(reasoning.toString());
        assertThat(trace.path("finishReason").asText()).isEqualTo("stop");
        assertThat(trace.path("request").path("params").path("stream").asBoolean())
                .isTrue();
        assertThat(trace.hasNonNull("timeToFirstTokenMs")).isTrue();
        JsonNode usage = trace.path("usage");
        assertThat(usage.path("source").asText()).isEqualTo("provider");
        assertThat(usage.path("inputTokens").asLong())
                .isEqualTo(metadata.get().usage().inputTokens().longValue());
        assertThat(usage.path("outputTokens").asLong())
                .isEqualTo(metadata.get().usage().outputTokens().longValue());
    }

    @Test
    void invokeModelOfClaudeWithTheSignatureLeftIntact() throws Exception {
        // Given an application that calls Claude on Bedrock with InvokeModel, its body Anthropic Messages
        String body = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":4000,"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2000},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Which route is shortest?\"}]}";
        InvokeModelResponse response;
        try (BedrockRuntimeClient client = BedrockRuntimeClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + capture.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .overrideConfiguration(c -> c.addExecutionInterceptor(signedRequests)
                        .putHeader("X-Thinkwatch-Upstream", "fixture-bedrock")
                        .putHeader("X-Thinkwatch-Session", "invoke")
                        .putHeader("X-Simulator-Reasoning-Tokens", Long.toString(REASONING)))
                .build()) {

            // When it calls InvokeModel
            response = client.invokeModel(InvokeModelRequest.builder()
                    .modelId(MODEL)
                    .contentType("application/json")
                    .body(SdkBytes.fromUtf8String(body))
                    .build());
        }

        // Then the upstream got the request as signed, byte for byte
        String authorization = sent.get(0).get("Authorization").get(0);
        MultiMap received = upstream.received().get(0);
        for (String name : SignedHeaders.of(authorization)) {
            List<String> values = sent.get(0).entrySet().stream()
                    .filter(header -> header.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElseThrow();
            assertThat(received.getAll(name)).as(name).isEqualTo(values);
        }
        assertThat(upstream.bodies().get(0).toString()).isEqualTo(body);
        assertThat(upstream.uris().get(0)).isEqualTo("/model/anthropic.claude-sonnet-4-20250514-v1%3A0/invoke");

        // and the answer the SDK got is the trace's, recorded as Messages with the path's model
        JsonNode answer = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(response.body().asByteArray());
        JsonNode trace = trace(
                response.sdkHttpResponse()
                        .firstMatchingHeader("X-Thinkwatch-Trace-Id")
                        .orElseThrow(),
                "invoke");
        assertThat(trace.path("provider").asText()).isEqualTo("bedrock");
        assertThat(trace.path("api").asText()).isEqualTo("messages");
        assertThat(trace.path("model").asText()).isEqualTo(MODEL);
        assertThat(trace.path("answer").asText()).isNotBlank().isEqualTo(blocks(answer, "text", "text"));
        assertThat(trace.path("reasoningText").asText()).isNotBlank().isEqualTo(blocks(answer, "thinking", "thinking"));
        assertThat(trace.path("usage").path("outputTokens").asLong())
                .isEqualTo(answer.path("usage").path("output_tokens").asLong());
        assertThat(trace.path("request").path("params").path("thinkingBudget").asLong())
                .isEqualTo(2000);
        assertThat(trace.toString()).doesNotContain(SECRET).doesNotContain(authorization);
    }

    @Test
    void invokeModelWithResponseStreamOfClaudeIsRecorded() {
        // Given an application streaming Claude on Bedrock with InvokeModelWithResponseStream, naming no upstream
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        AtomicReference<String> traceId = new AtomicReference<>();
        AtomicReference<String> stop = new AtomicReference<>();
        String body = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":4000,"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2000},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Which route is shortest?\"}]}";
        try (BedrockRuntimeAsyncClient client = BedrockRuntimeAsyncClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + capture.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .overrideConfiguration(c -> c.putHeader("X-Thinkwatch-Session", "invoke-stream")
                        .putHeader("X-Simulator-Reasoning-Tokens", Long.toString(REASONING)))
                .build()) {

            // When it reads the Messages events out of the SDK's chunks
            client.invokeModelWithResponseStream(
                            InvokeModelWithResponseStreamRequest.builder()
                                    .modelId(MODEL)
                                    .contentType("application/json")
                                    .body(SdkBytes.fromUtf8String(body))
                                    .build(),
                            InvokeModelWithResponseStreamResponseHandler.builder()
                                    .onResponse(r -> traceId.set(r.sdkHttpResponse()
                                            .firstMatchingHeader("X-Thinkwatch-Trace-Id")
                                            .orElse(null)))
                                    .subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                                            .onChunk(chunk -> {
                                                JsonNode event;
                                                try {
                                                    event = mapper.readTree(
                                                            chunk.bytes().asByteArray());
                                                } catch (java.io.IOException e) {
                                                    throw new java.io.UncheckedIOException(e);
                                                }
                                                JsonNode delta = event.path("delta");
                                                if (delta.has("text")) {
                                                    text.append(
                                                            delta.get("text").asText());
                                                }
                                                if (delta.has("thinking")) {
                                                    reasoning.append(delta.get("thinking")
                                                            .asText());
                                                }
                                                if (delta.has("stop_reason")) {
                                                    stop.set(delta.get("stop_reason")
                                                            .asText());
                                                }
                                            })
                                            .build())
                                    .build())
                    .join();
        }

        // Then the SDK decoded the whole stream, and the trace has its text, reasoning and stop reason
        assertThat(stop.get()).isEqualTo("end_turn");
        JsonNode trace = trace(traceId.get(), "invoke-stream");
        assertThat(trace.path("api").asText()).isEqualTo("messages");
        assertThat(trace.path("answer").asText()).isNotBlank().isEqualTo(text.toString());
        assertThat(trace.path("reasoningText").asText()).isNotBlank().isEqualTo(reasoning.toString());
        assertThat(trace.path("finishReason").asText()).isEqualTo("stop");
        assertThat(trace.path("request").path("params").path("stream").asBoolean())
                .isTrue();
        assertThat(trace.path("usage").path("source").asText()).isEqualTo("provider");
    }

    private static String blocks(JsonNode answer, String type, String field) {
        StringBuilder text = new StringBuilder();
        for (JsonNode block : answer.path("content")) {
            if (type.equals(block.path("type").asText())) {
                text.append(block.path(field).asText());
            }
        }
        return text.toString();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKEFORTESTS0001", SECRET));
    }

    private static Message question() {
        return Message.builder()
                .role(ConversationRole.USER)
                .content(ContentBlock.fromText("Which route is shortest?"))
                .build();
    }

    private static Document thinking() {
        return Document.mapBuilder()
                .putDocument(
                        "thinking",
                        Document.mapBuilder()
                                .putString("type", "enabled")
                                .putNumber("budget_tokens", 2000)
                                .build())
                .build();
    }

    private static String text(List<ContentBlock> blocks) {
        StringBuilder text = new StringBuilder();
        blocks.stream().filter(block -> block.text() != null).forEach(block -> text.append(block.text()));
        return text.toString();
    }

    private static String reasoning(List<ContentBlock> blocks) {
        StringBuilder text = new StringBuilder();
        blocks.stream()
                .filter(block -> block.reasoningContent() != null)
                .forEach(block ->
                        text.append(block.reasoningContent().reasoningText().text()));
        return text.toString();
    }

    private static String sha256(byte[] body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    }

    private JsonNode trace(String traceId, String session) {
        assertThat(traceId).isNotNull();
        JsonNode trace = CapturedTraces.find(bootstrap, traceId);
        assertThat(trace.path("sessionId").asText()).isEqualTo(session);
        assertThat(trace.path("status").asText()).isEqualTo("ok");
        return trace;
    }
}
