package io.thinkwatch.capture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The first trace end to end: capture, Kafka, indexer, OpenSearch, console API, against the real services. */
@QuarkusTest
class FirstTraceIT {

    @Inject
    CaptureServer capture;

    @ConfigProperty(name = "thinkwatch.admin.token")
    String adminToken;

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    @Test
    void chatCompletionThroughCaptureBecomesASearchableTrace() {
        // Given an application calling a reasoning model through capture
        String request = """
                {"model":"o3-mini","max_completion_tokens":4000,"reasoning_effort":"high",
                 "messages":[{"role":"user","content":"Which route is shortest?"}]}""";

        // When it sends a chat completion
        Response response = given().port(capture.port())
                .contentType(ContentType.JSON)
                .header("Authorization", "Bearer sk-test-not-recorded")
                .header("X-Thinkwatch-App", "route-planner")
                .header("X-Thinkwatch-User", "user-7")
                .header("X-Simulator-Reasoning-Tokens", "1234")
                .body(request)
                .post("/v1/chat/completions");

        // Then the answer arrives with a trace id, and the trace is readable in the console within seconds
        response.then().statusCode(200);
        String traceId = response.header("X-Thinkwatch-Trace-Id");
        String answer = response.jsonPath().getString("choices[0].message.content");
        assertThat(traceId).isNotBlank();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> given().port(consolePort)
                        .auth()
                        .oauth2(adminToken)
                        .get("/api/v1/traces/{id}", traceId)
                        .then()
                        .statusCode(200)
                        .body("traceId", equalTo(traceId))
                        .body("tenant", equalTo("default"))
                        .body("app", equalTo("route-planner"))
                        .body("userId", equalTo("user-7"))
                        .body("provider", equalTo("openai"))
                        .body("api", equalTo("chat.completions"))
                        .body("model", equalTo("o3-mini"))
                        .body("answer", equalTo(answer))
                        .body("finishReason", equalTo("stop"))
                        .body("status", equalTo("ok"))
                        .body("usage.reasoningTokens", is(1234))
                        .body("usage.source", equalTo("provider"))
                        .body("maxOutputTokens", is(4000))
                        .body("request.params.reasoningEffort", equalTo("high"))
                        .body("truncated", is(false))
                        .body("emptyAnswer", is(false)));
    }

    @Test
    void budgetSpentOnReasoningIsRecordedAsTruncatedAndEmpty() {
        // Given a call whose whole output budget goes to reasoning
        Response response = given().port(capture.port())
                .contentType(ContentType.JSON)
                .header("X-Simulator-Scenario", "truncated")
                .body(
                        "{\"model\":\"o3\",\"max_completion_tokens\":2048,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/chat/completions");

        // When the trace is indexed
        String traceId = response.header("X-Thinkwatch-Trace-Id");

        // Then it says the answer is empty because the budget ran out
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> given().port(consolePort)
                        .auth()
                        .oauth2(adminToken)
                        .get("/api/v1/traces/{id}", traceId)
                        .then()
                        .statusCode(200)
                        .body("finishReason", equalTo("length"))
                        .body("status", equalTo("incomplete"))
                        .body("truncated", is(true))
                        .body("emptyAnswer", is(true))
                        .body("usage.reasoningTokens", is(2048))
                        .body("budgetUsed", is(1.0f)));
    }

    @Test
    void upstreamErrorReachesTheClientAsSentAndIsRecorded() {
        // Given an upstream that fails
        // When the application calls it through capture
        Response response = given().port(capture.port())
                .contentType(ContentType.JSON)
                .header("X-Simulator-Scenario", "error")
                .body("{\"model\":\"o3\",\"messages\":[]}")
                .post("/v1/chat/completions");

        // Then the client sees the provider's error, and the trace records it
        response.then().statusCode(500).body("error.type", equalTo("server_error"));
        String traceId = response.header("X-Thinkwatch-Trace-Id");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> given().port(consolePort)
                        .auth()
                        .oauth2(adminToken)
                        .get("/api/v1/traces/{id}", traceId)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("error"))
                        .body("httpStatus", is(500))
                        .body("usage.source", equalTo("missing")));
    }
}
