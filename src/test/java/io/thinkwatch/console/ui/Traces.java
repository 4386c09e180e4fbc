package io.thinkwatch.console.ui;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Sends calls through capture the way an application does, and waits until their traces are searchable. */
record Traces(int capturePort, int consolePort, String adminToken) {

    /** A chat completion through capture; its trace id. */
    String send(Map<String, String> headers, String body) {
        return given().port(capturePort)
                .contentType(ContentType.JSON)
                .headers(headers)
                .body(body)
                .post("/v1/chat/completions")
                .then()
                .extract()
                .header("X-Thinkwatch-Trace-Id");
    }

    /** The stored trace, once the indexer has written it. */
    JsonPath awaitIndexed(String traceId) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> given().port(consolePort)
                                .auth()
                                .oauth2(adminToken)
                                .get("/api/v1/traces/{id}", traceId)
                                .statusCode()
                        == 200);
        return given().port(consolePort)
                .auth()
                .oauth2(adminToken)
                .get("/api/v1/traces/{id}", traceId)
                .jsonPath();
    }
}
