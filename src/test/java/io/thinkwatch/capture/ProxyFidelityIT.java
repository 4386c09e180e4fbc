package io.thinkwatch.capture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.thinkwatch.testing.FixtureServer;
import io.vertx.core.http.HttpServerRequest;

import com.fasterxml.jackson.databind.JsonNode;

/** Capture hands the application exactly what the provider sent, and the provider exactly what it should get. */
@QuarkusTest
class ProxyFidelityIT {

    /** Odd spacing, unicode and key order that a re-serializing proxy would change. */
    static final String PROVIDER_BODY = "{\"id\":\"chatcmpl-x\",  \"object\":\"chat.completion\",\"model\":\"o3\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Grüße \\u00e9 ✓\"},"
            + "\"finish_reason\":\"stop\"}],\n\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":9}}\n";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    CaptureServer capture;

    private FixtureServer.Lease fixture;
    private volatile HttpServerRequest lastRequest;
    private volatile String lastBody;

    @BeforeEach
    void startFixtureProvider() {
        fixture = FixtureServer.serve(request -> request.body().onSuccess(body -> {
            lastRequest = request;
            lastBody = body.toString(StandardCharsets.UTF_8);
            request.response()
                    .putHeader("content-type", "application/json")
                    .putHeader("openai-processing-ms", "1234")
                    .end(PROVIDER_BODY);
        }));
    }

    @AfterEach
    void stopFixtureProvider() {
        fixture.close();
    }

    @Test
    void clientReceivesTheProviderBytesUnchanged() {
        // Given a provider whose body a re-serializing proxy would alter
        // When the application calls it through capture
        Response response = given().port(capture.port())
                .header("X-Thinkwatch-Upstream", "fixture")
                .contentType("application/json")
                .body("{\"model\":\"o3\",\"messages\":[]}")
                .post("/v1/chat/completions");

        // Then the bytes and the provider's headers arrive unchanged
        assertThat(response.asByteArray()).isEqualTo(PROVIDER_BODY.getBytes(StandardCharsets.UTF_8));
        assertThat(response.header("openai-processing-ms")).isEqualTo("1234");
        assertThat(response.header("X-Thinkwatch-Trace-Id")).isNotBlank();
    }

    @Test
    void providerGetsCredentialsAndBodyButNoAttributionHeaders() {
        // Given a request with credentials and attribution
        String body = "{\"model\":\"o3\",  \"messages\":[{\"role\":\"user\",\"content\":\"ünïcode\"}]}";

        // When it goes through capture
        given().port(capture.port())
                .header("X-Thinkwatch-Upstream", "fixture")
                .header("X-Thinkwatch-App", "billing")
                .header("X-Thinkwatch-Tags", "team=payments")
                .header("Authorization", "Bearer sk-secret")
                .contentType("application/json; charset=utf-8")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/v1/chat/completions")
                .then()
                .statusCode(200);

        // Then the provider sees the body byte for byte and the credentials, and no Thinkwatch header
        assertThat(lastBody).isEqualTo(body);
        assertThat(lastRequest.getHeader("Authorization")).isEqualTo("Bearer sk-secret");
        assertThat(lastRequest.headers().names())
                .noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("x-thinkwatch"));
    }

    @Test
    void otherPathsAreForwardedUnrecorded() {
        // Given a path capture does not record
        // When the application calls it
        Response response = given().port(capture.port())
                .header("X-Thinkwatch-Upstream", "fixture")
                .get("/v1/models?limit=2");

        // Then it reaches the provider unchanged, and no trace id is handed out
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(lastRequest.uri()).isEqualTo("/v1/models?limit=2");
        assertThat(response.header("X-Thinkwatch-Trace-Id")).isNull();
    }

    @Test
    void unknownUpstreamIsAClearError() {
        // Given no upstream of that name
        // When a request names it
        Response response = given().port(capture.port())
                .header("X-Thinkwatch-Upstream", "nope")
                .contentType("application/json")
                .body("{}")
                .post("/v1/chat/completions");

        // Then capture says which upstreams exist
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.jsonPath().getString("error")).isEqualTo("unknown_upstream");
        assertThat(response.jsonPath().getString("message")).contains("fixture");
    }

    @Test
    void anUnreachableUpstreamIsA502ThatNamesTheTraceOfTheFailedCall() {
        // Given an upstream nothing listens on
        // When a recorded call goes to it
        Response response = given().port(capture.port())
                .header("X-Thinkwatch-Upstream", "down")
                .contentType("application/json")
                .body("{\"model\":\"o3\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/chat/completions");

        // Then capture says the upstream could not be reached, and names the trace that records the failure
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.jsonPath().getString("error")).isEqualTo("upstream_unreachable");
        String traceId = response.header("X-Thinkwatch-Trace-Id");
        assertThat(traceId).isNotBlank();
        JsonNode trace = CapturedTraces.find(bootstrap, traceId);
        assertThat(trace.path("error").asText()).contains("upstream unreachable");
    }
}
