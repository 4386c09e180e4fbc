package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.thinkwatch.testing.FixtureServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A long stream reaches the application chunk by chunk, as the provider sends it, and is recorded whole; a request
 * body goes to the provider as the application sends it.
 */
@QuarkusTest
class LongStreamIT {

    private static final int CHUNKS = 5_000;

    @Inject
    CaptureServer capture;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aStreamOf5000ChunksReachesTheClientBeforeItsLastChunkIsSentAndIsRecordedWhole() throws Exception {
        // Given a provider that streams 5,000 chunks, each its own write, and sends the last one only once the
        // application has received the first
        StringBuilder answer = new StringBuilder();
        Buffer[] chunks = new Buffer[CHUNKS];
        chunks[0] =
                frame("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"o3\",\"choices\":[{\"index\":0,"
                        + "\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}");
        for (int i = 1; i < CHUNKS - 2; i++) {
            String word = "w" + i + " ";
            answer.append(word);
            chunks[i] = frame(
                    "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"o3\",\"choices\":[{\"index\":0,"
                            + "\"delta\":{\"content\":\"" + word + "\"},\"finish_reason\":null}]}");
        }
        chunks[CHUNKS - 2] = frame("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"o3\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":9000,\"total_tokens\":9012,"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":4000}}}");
        chunks[CHUNKS - 1] = Buffer.buffer("data: [DONE]\n\n");
        Buffer expected = Buffer.buffer();
        for (Buffer chunk : chunks) {
            expected.appendBuffer(chunk);
        }
        CompletableFuture<Void> firstReceived = new CompletableFuture<>();
        CompletableFuture<Boolean> lastSentAfterFirstReceived = new CompletableFuture<>();
        try (FixtureServer.Lease lease =
                FixtureServer.serve(request -> request.body().onSuccess(body -> {
                    HttpServerResponse response =
                            request.response().setChunked(true).putHeader("content-type", "text/event-stream");
                    for (int i = 0; i < CHUNKS - 1; i++) {
                        response.write(chunks[i]);
                    }
                    CompletableFuture<Void> unused = firstReceived
                            .orTimeout(60, TimeUnit.SECONDS)
                            .whenComplete((done, failed) -> FixtureServer.vertx()
                                    .runOnContext(v -> {
                                        lastSentAfterFirstReceived.complete(failed == null);
                                        response.end(chunks[CHUNKS - 1]);
                                    }));
                }))) {

            // When the application streams through capture and reads the first chunk
            HttpResponse<InputStream> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + capture.port() + "/v1/chat/completions"))
                                    .header("content-type", "application/json")
                                    .header("x-thinkwatch-upstream", "fixture")
                                    .timeout(Duration.ofSeconds(90))
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"o3\",\"stream\":true,"
                                            + "\"stream_options\":{\"include_usage\":true},"
                                            + "\"messages\":[{\"role\":\"user\",\"content\":\"count\"}]}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            try (InputStream in = response.body()) {
                byte[] buffer = new byte[8192];
                while (received.size() < chunks[0].length()) {
                    int n = in.read(buffer);
                    assertThat(n).as("the stream ended before its first chunk").isPositive();
                    received.write(buffer, 0, n);
                }
                firstReceived.complete(null);
                in.transferTo(received);
            }

            // Then the first chunk arrived while the provider still held back the last one
            assertThat(lastSentAfterFirstReceived.get(10, TimeUnit.SECONDS)).isTrue();

            // And the application got every byte of the 5,000 chunks, unchanged
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(received.toByteArray()).isEqualTo(expected.getBytes());

            // And the trace holds the whole answer and the provider's usage
            String traceId =
                    response.headers().firstValue("x-thinkwatch-trace-id").orElseThrow();
            JsonNode trace = CapturedTraces.find(bootstrap, traceId);
            assertThat(trace.path("status").asText()).isEqualTo("ok");
            assertThat(trace.path("answer").asText()).isEqualTo(answer.toString());
            assertThat(trace.path("usage").path("reasoningTokens").asLong()).isEqualTo(4000);
        }
    }

    @Test
    void aRequestBodyGoesUpstreamAsItArrivesAndIsRecordedWhole() throws Exception {
        // Given a provider that notes when the first bytes of a Messages request reach it, and answers at its end
        CompletableFuture<Void> firstPartUpstream = new CompletableFuture<>();
        Buffer forwarded = Buffer.buffer();
        CompletableFuture<String> lengthUpstream = new CompletableFuture<>();
        try (FixtureServer.Lease lease = FixtureServer.serve(request -> {
            lengthUpstream.complete(String.valueOf(request.getHeader("content-length")));
            request.handler(chunk -> {
                forwarded.appendBuffer(chunk);
                firstPartUpstream.complete(null);
            });
            request.endHandler(v -> request.response()
                    .putHeader("content-type", "application/json")
                    .end("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\","
                            + "\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\","
                            + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}"));
        })) {
            // When the application sends the first half of its body, and the second only once the first is upstream
            String first = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "long prompt ".repeat(2_000) + "\"}],";
            String second = "\"max_tokens\":64,\"model\":\"claude-sonnet-4-5\"}";
            // (a raw HTTP/1.1 client with a Content-Length, as SDKs send it, so that nothing buffers the body first)
            byte[] firstBytes = first.getBytes(StandardCharsets.UTF_8);
            byte[] secondBytes = second.getBytes(StandardCharsets.UTF_8);
            String response;
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), capture.port())) {
                socket.setSoTimeout(60_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/messages HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n"
                                + "x-thinkwatch-upstream: fixture-anthropic\r\nconnection: close\r\n"
                                + "content-length: " + (firstBytes.length + secondBytes.length) + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(firstBytes);
                out.flush();
                firstPartUpstream.get(30, TimeUnit.SECONDS);
                out.write(secondBytes);
                out.flush();
                response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }

            // Then the call went through (its second half was sent only after its first reached the provider)
            assertThat(response).startsWith("HTTP/1.1 200");
            assertThat(response).contains("\"ok\"");
            // And the provider got the body byte for byte
            assertThat(forwarded.toString(StandardCharsets.UTF_8)).isEqualTo(first + second);
            assertThat(lengthUpstream.get()).isEqualTo(String.valueOf(firstBytes.length + secondBytes.length));

            // And the trace was made from the whole body: the model is named only in its second half
            Matcher traceHeader =
                    Pattern.compile("(?im)^x-thinkwatch-trace-id: *(\\S+)").matcher(response);
            assertThat(traceHeader.find()).isTrue();
            String traceId = traceHeader.group(1);
            JsonNode trace = CapturedTraces.find(bootstrap, traceId);
            assertThat(trace.path("model").asText()).isEqualTo("claude-sonnet-4-5");
            assertThat(trace.path("answer").asText()).isEqualTo("ok");
        }
    }

    @Test
    void aLongChatPromptGoesUpstreamAsItArrivesAndIsAskedForUsageAtItsEnd() throws Exception {
        // Given an OpenAI-shaped provider (asked for stream usage) that notes when the first bytes of a request reach
        // it, and streams an answer with the usage chunk once it has the whole request
        CompletableFuture<Void> firstPartUpstream = new CompletableFuture<>();
        Buffer forwarded = Buffer.buffer();
        String usageFrame = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"o3\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":30000,\"completion_tokens\":90,"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":80}}}\n\n";
        String answer = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"o3\",\"choices\":[{"
                + "\"index\":0,\"delta\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n";
        try (FixtureServer.Lease lease = FixtureServer.serve(request -> {
            request.handler(chunk -> {
                forwarded.appendBuffer(chunk);
                firstPartUpstream.complete(null);
            });
            request.endHandler(v -> request.response()
                    .putHeader("content-type", "text/event-stream")
                    .end(answer + usageFrame + "data: [DONE]\n\n"));
        })) {
            // When the application streams a 120 KB prompt, its stream setting last, and sends its second half only
            // once the first is upstream (a raw HTTP/1.1 client with a Content-Length, as SDKs send it)
            String first = "{\"model\":\"o3\",\"messages\":[{\"role\":\"user\",\"content\":\""
                    + "a long prompt ".repeat(5_000);
            String second = "the end\"}],\"stream\":true}";
            byte[] firstBytes = first.getBytes(StandardCharsets.UTF_8);
            byte[] secondBytes = second.getBytes(StandardCharsets.UTF_8);
            String response;
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), capture.port())) {
                socket.setSoTimeout(60_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\n"
                                + "content-type: application/json\r\nx-thinkwatch-upstream: fixture\r\n"
                                + "connection: close\r\ncontent-length: " + (firstBytes.length + secondBytes.length)
                                + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(firstBytes);
                out.flush();
                firstPartUpstream.get(30, TimeUnit.SECONDS);
                out.write(secondBytes);
                out.flush();
                response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }

            // Then the provider got the body as sent, asked for usage before its closing brace
            assertThat(forwarded.toString(StandardCharsets.UTF_8))
                    .isEqualTo(first + second.substring(0, second.length() - 1)
                            + ",\"stream_options\":{\"include_usage\":true}}");
            // And the application got the stream without the usage chunk it did not ask for
            assertThat(response).startsWith("HTTP/1.1 200");
            assertThat(response).contains(answer).doesNotContain("prompt_tokens");

            // And the trace holds the provider's usage and the whole prompt's model
            Matcher traceHeader =
                    Pattern.compile("(?im)^x-thinkwatch-trace-id: *(\\S+)").matcher(response);
            assertThat(traceHeader.find()).isTrue();
            JsonNode trace = CapturedTraces.find(bootstrap, traceHeader.group(1));
            assertThat(trace.path("answer").asText()).isEqualTo("ok");
            assertThat(trace.path("usage").path("source").asText()).isEqualTo("provider");
            assertThat(trace.path("usage").path("reasoningTokens").asLong()).isEqualTo(80);
        }
    }

    @Test
    void aBodyAnnouncedOverTheLimitIsRefusedBeforeAnythingGoesUpstream() throws Exception {
        // Given a provider that counts the calls that reach it
        AtomicInteger reached = new AtomicInteger();
        try (FixtureServer.Lease lease = FixtureServer.serve(request -> {
            reached.incrementAndGet();
            request.response().end("{}");
        })) {
            // When an application announces a body over max-request-body and starts sending it
            String status;
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), capture.port())) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                out.write(String.join(
                                "\r\n",
                                "POST /v1/messages HTTP/1.1",
                                "host: 127.0.0.1",
                                "content-type: application/json",
                                "x-thinkwatch-upstream: fixture-anthropic",
                                "content-length: 100000000000",
                                "",
                                "{\"messages\":[")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine();
            }

            // Then it is refused as too large, and nothing went upstream
            assertThat(status).startsWith("HTTP/1.1 413");
            assertThat(reached).hasValue(0);
        }
    }

    private static Buffer frame(String json) {
        return Buffer.buffer("data: " + json + "\n\n", StandardCharsets.UTF_8.name());
    }
}
