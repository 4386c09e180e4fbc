package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Every OpenAI Chat stream gets provider-reported usage, and the client still gets the stream it asked for. */
@QuarkusTest
class StreamUsageIT {

    private static final String USAGE_FRAME =
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"o3\","
                    + "\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":700,\"total_tokens\":709,"
                    + "\"completion_tokens_details\":{\"reasoning_tokens\":690}}}\n\n";

    @Inject
    CaptureServer capture;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private FixtureProvider provider;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startProvider() throws Exception {
        provider =
                new FixtureProvider().answer("openai-chat/stream-with-usage.sse", "text/event-stream; charset=utf-8");
    }

    @AfterEach
    void stopProvider() throws Exception {
        provider.close();
    }

    @Test
    void streamThatDidNotAskForUsageGetsItWithoutTheClientSeeingIt() throws Exception {
        // Given a streamed chat request that does not ask for usage
        String request =
                "{\"model\":\"o3\",\"temperature\":0.70,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        // When it goes through capture
        HttpResponse<byte[]> response = post(request);

        // Then the provider was asked for usage, with the rest of the request as written
        JsonNode forwarded = mapper.readTree(provider.lastBody());
        assertThat(forwarded.path("stream_options").path("include_usage").asBoolean())
                .isTrue();
        assertThat(provider.lastBody())
                .isEqualTo(request.replace("}]}", "}],\"stream_options\":{\"include_usage\":true}}"));

        // And the client got the provider's bytes except the usage-only chunk
        String sent = new String(provider.body(), StandardCharsets.UTF_8);
        assertThat(sent).contains(USAGE_FRAME);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(sent.replace(USAGE_FRAME, ""));

        // And the trace has the provider's usage
        JsonNode trace = CapturedTraces.find(bootstrap, traceId(response));
        assertThat(trace.path("answer").asText()).isEqualTo("Hello");
        assertThat(trace.path("usage").path("source").asText()).isEqualTo("provider");
        assertThat(trace.path("usage").path("outputTokens").asLong()).isEqualTo(700);
        assertThat(trace.path("usage").path("reasoningTokens").asLong()).isEqualTo(690);
    }

    @Test
    void streamThatAskedForUsageIsLeftAlone() throws Exception {
        // Given a streamed chat request that asks for usage itself
        String request =
                "{\"model\":\"o3\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[]}";

        // When it goes through capture
        HttpResponse<byte[]> response = post(request);

        // Then the provider gets it byte for byte and the client gets every byte back, usage chunk included
        assertThat(provider.lastBody()).isEqualTo(request);
        assertThat(response.body()).isEqualTo(provider.body());
        JsonNode trace = CapturedTraces.find(bootstrap, traceId(response));
        assertThat(trace.path("usage").path("reasoningTokens").asLong()).isEqualTo(690);
    }

    @Test
    void upstreamConfiguredNotToBeAskedGetsTheStreamAsSent() throws Exception {
        // Given an upstream with ask-for-stream-usage=false (a compatible server that refuses stream_options)
        String request = "{\"model\":\"o3\",\"stream\":true,\"messages\":[]}";

        // When a stream that did not ask for usage goes through capture to it
        HttpResponse<byte[]> response = post(request, "fixture-as-sent");

        // Then the server gets the request byte for byte and the client every byte of the answer
        assertThat(provider.lastBody()).isEqualTo(request);
        assertThat(response.body()).isEqualTo(provider.body());
    }

    @Test
    void plainRequestIsNotTouched() throws Exception {
        // Given a chat request that does not stream
        String request = "{\"model\":\"o3\",\"messages\":[]}";

        // When it goes through capture
        post(request);

        // Then the provider gets it byte for byte
        assertThat(provider.lastBody()).isEqualTo(request);
    }

    private HttpResponse<byte[]> post(String body) throws Exception {
        return post(body, "fixture");
    }

    private HttpResponse<byte[]> post(String body, String upstream) throws Exception {
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + capture.port() + "/v1/chat/completions"))
                        .header("content-type", "application/json")
                        .header("X-Thinkwatch-Upstream", upstream)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private static String traceId(HttpResponse<byte[]> response) {
        return response.headers().firstValue("X-Thinkwatch-Trace-Id").orElseThrow();
    }
}
