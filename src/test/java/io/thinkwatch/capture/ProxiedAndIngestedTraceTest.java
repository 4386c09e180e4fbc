package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.thinkwatch.model.Api;
import io.thinkwatch.model.Attribution;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.redaction.Policy;
import io.vertx.core.buffer.Buffer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A call recorded by the proxy and the same call sent by the application to direct ingest, with only what it
 * saw (request, answer, finish reason, usage as reported, HTTP status, timings) and none of the derived fields,
 * become the same TraceEvent (as JSON, the form every reader sees) but for the id and the api.
 */
class ProxiedAndIngestedTraceTest {

    private static final String JSON = "application/json";
    private static final String SSE = "text/event-stream";
    private static final String CHAT_REQUEST = """
            {"model":"o3","max_completion_tokens":4000,"messages":[{"role":"user","content":"Which route?"}]}""";
    private static final String CHAT_STREAM_REQUEST = """
            {"model":"o3","max_completion_tokens":4000,"stream":true,\
            "messages":[{"role":"user","content":"Which route?"}]}""";

    private final ObjectMapper mapper =
            new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final PriceTable prices = PriceTable.load(Optional.empty(), mapper);
    private final IngestReader ingest = new IngestReader(mapper, new IngestedTrace.Filler("cap-1", prices), 10);

    static Stream<Arguments> calls() {
        return Stream.of(
                Arguments.of(
                        "answered with reasoning",
                        RecordedRoute.CHAT_COMPLETIONS,
                        null,
                        Provider.OPENAI,
                        CHAT_REQUEST,
                        200,
                        JSON,
                        "openai-chat/ok.json"),
                Arguments.of(
                        "budget spent on reasoning, empty answer",
                        RecordedRoute.CHAT_COMPLETIONS,
                        null,
                        Provider.OPENAI,
                        CHAT_REQUEST,
                        200,
                        JSON,
                        "openai-chat/empty-length.json"),
                Arguments.of(
                        "stream cut off without a finish reason",
                        RecordedRoute.CHAT_COMPLETIONS,
                        null,
                        Provider.OPENAI,
                        CHAT_STREAM_REQUEST,
                        200,
                        SSE,
                        "openai-chat/stream-cut-off.sse"),
                Arguments.of(
                        "Anthropic thinking only, no answer",
                        RecordedRoute.MESSAGES,
                        null,
                        Provider.ANTHROPIC,
                        """
                        {"model":"claude-opus-4-20250514","max_tokens":2048,\
                        "messages":[{"role":"user","content":"Plan the depots"}]}""",
                        200,
                        JSON,
                        "anthropic/max-tokens-empty.json"),
                Arguments.of(
                        "Gemini with thoughts",
                        RecordedRoute.GENERATE_CONTENT,
                        "gemini-2.5-pro",
                        Provider.GEMINI,
                        """
                        {"contents":[{"role":"user","parts":[{"text":"Which route?"}]}],\
                        "generationConfig":{"maxOutputTokens":1024}}""",
                        200,
                        JSON,
                        "gemini/thoughts.json"),
                Arguments.of(
                        "Responses stream",
                        RecordedRoute.RESPONSES,
                        null,
                        Provider.OPENAI,
                        """
                        {"model":"o3","stream":true,"max_output_tokens":3000,"input":"Which route?"}""",
                        200,
                        SSE,
                        "openai-responses/stream-completed.sse"),
                Arguments.of(
                        "upstream error",
                        RecordedRoute.CHAT_COMPLETIONS,
                        null,
                        Provider.OPENAI,
                        CHAT_REQUEST,
                        500,
                        JSON,
                        "inline:{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void theProxiedAndTheIngestedTraceOfACallAreTheSame(
            String name,
            RecordedRoute route,
            String pathModel,
            Provider provider,
            String request,
            int status,
            String contentType,
            String response)
            throws IOException {
        // Given the trace the proxy recorded of a call, and what the application saw of the same call
        TraceEvent proxied = proxied(route, pathModel, provider, request, status, contentType, response);
        assertThat(proxied.traceContext())
                .isEqualTo(new io.thinkwatch.model.TraceContext(
                        "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "rojo=00f067aa0ba902b7"));
        ObjectNode sent = mapper.valueToTree(proxied);
        sent.remove(List.of(
                "traceId",
                "api",
                "status",
                "maxOutputTokens",
                "reasoningShare",
                "budgetUsed",
                "truncated",
                "emptyAnswer",
                "costUsd",
                "priceVersion",
                "latencyMs",
                "timeToFirstTokenMs",
                "captureInstance",
                "redactions"));
        ((ObjectNode) sent.get("usage")).remove(List.of("visibleOutputTokens", "source"));

        // When the application sends that to direct ingest
        IngestReader.Result result =
                ingest.read(mapper.writeValueAsBytes(sent), new IngestedTrace.Owner("acme", null, null, null));

        // Then capture derives the same fields from it: status, truncated, emptyAnswer, reasoningShare,
        // budgetUsed, cost, latency, time to first token, visible tokens and usage source
        assertThat(result).isInstanceOf(IngestReader.Accepted.class);
        TraceEvent ingested = ((IngestReader.Accepted) result).traces().get(0);
        assertThat(ingested.api()).isEqualTo(Api.INGEST);
        ObjectNode expected = mapper.valueToTree(proxied);
        ObjectNode actual = mapper.valueToTree(ingested);
        expected.remove(List.of("traceId", "api"));
        actual.remove(List.of("traceId", "api"));
        assertThat(actual).isEqualTo(expected);
    }

    private TraceEvent proxied(
            RecordedRoute route,
            String pathModel,
            Provider provider,
            String request,
            int status,
            String contentType,
            String response)
            throws IOException {
        Exchange exchange = new Exchange(
                "proxied-1",
                route,
                pathModel,
                upstream(provider),
                Buffer.buffer(request),
                new Attribution("acme", "planner", "prod", "u1", "s1", Map.of("team", "a"), null),
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "rojo=00f067aa0ba902b7",
                Policy.OFF,
                10_000_000);
        exchange.responseStarted(status, contentType);
        exchange.chunk(Buffer.buffer(body(response)));
        exchange.finish();
        return exchange.toTrace(mapper, "cap-1", new TextCut(0), prices);
    }

    private static byte[] body(String response) throws IOException {
        if (response.startsWith("inline:")) {
            return response.substring("inline:".length()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        try (InputStream in = ProxiedAndIngestedTraceTest.class.getResourceAsStream("/fixtures/" + response)) {
            return in.readAllBytes();
        }
    }

    private static CaptureConfig.Upstream upstream(Provider provider) {
        return new CaptureConfig.Upstream() {
            @Override
            public URI url() {
                return URI.create("http://127.0.0.1:1");
            }

            @Override
            public Provider provider() {
                return provider;
            }

            @Override
            public boolean askForStreamUsage() {
                return true;
            }
        };
    }
}
