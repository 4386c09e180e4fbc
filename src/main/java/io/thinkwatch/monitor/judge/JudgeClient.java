package io.thinkwatch.monitor.judge;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One Chat Completions call to a tenant's judge: temperature 0, JSON output asked for, the attempt cut at
 * {@code timeout}. Knows HTTP, nothing of budgets or retries ({@link ModelJudge} owns those).
 */
public final class JudgeClient {

    /** The judge's reply and what it cost in tokens; {@code content} may be anything and is checked afterwards. */
    public record Reply(String content, long promptTokens, long completionTokens, int httpStatus) {}

    private final HttpClient http;
    private final ObjectMapper mapper;
    private final Duration timeout;

    public JudgeClient(HttpClient http, ObjectMapper mapper, Duration timeout) {
        this.http = http;
        this.mapper = mapper;
        this.timeout = timeout;
    }

    public Reply call(JudgeSettings settings, String system, String user) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(Map.of(
                    "model", settings.model(),
                    "temperature", 0,
                    "response_format", Map.of("type", "json_object"),
                    "messages",
                            List.of(
                                    Map.of("role", "system", "content", system),
                                    Map.of("role", "user", "content", user))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a judge request always writes", e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/chat/completions"))
                .timeout(timeout)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (settings.apiKey() != null) {
            request.header("authorization", "Bearer " + settings.apiKey());
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new JudgeUnavailable("timeout", true, e);
        } catch (IOException e) {
            throw new JudgeUnavailable("connection", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JudgeUnavailable("interrupted", false, e);
        }
        int status = response.statusCode();
        if (status != 200) {
            throw new JudgeUnavailable("http_" + status, status >= 500 || status == 429 || status == 408, null);
        }
        JsonNode reply;
        try {
            reply = mapper.readTree(response.body());
        } catch (IOException e) {
            // Not a Chat Completions reply at all: the server is not what it should be; counted like a malformed answer
            return new Reply(null, 0, 0, status);
        }
        JsonNode usage = reply.path("usage");
        JsonNode content = reply.path("choices").path(0).path("message").path("content");
        return new Reply(
                content.isTextual() ? content.asText() : null,
                usage.path("prompt_tokens").asLong(0),
                usage.path("completion_tokens").asLong(0),
                status);
    }
}
