package io.thinkwatch.unrecorded;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.thinkwatch.capture.CaptureServer;
import io.thinkwatch.platform.Topics;
import io.thinkwatch.rules.TestKafka;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Calls capture forwards unrecorded, counted by this capture and by another instance (its report put on the topic as
 * that instance would), added up in the console's health and overview data.
 */
@QuarkusTest
class UnrecordedCallsIT {

    @Inject
    CaptureServer capture;

    @Inject
    UnrecordedCalls unrecorded;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void callsOfEveryCaptureInstanceAddUpInTheConsole() throws Exception {
        // Given a method of the Gemini API capture does not record, named for this test
        String method = "probe" + letters(System.nanoTime());
        String shape = "/v1/models/*:" + method;
        // and another capture instance that forwarded 1,000,000 such calls of the default tenant
        try (TestKafka kafka = new TestKafka(bootstrap)) {
            kafka.send(
                    Topics.UNRECORDED_CALLS,
                    "default",
                    mapper.writeValueAsString(new UnrecordedCount(
                            "default", "POST", shape, "gemini", 1_000_000, "capture-elsewhere", Instant.now())));
        }

        // When an application calls it twice through this capture, for two models
        for (String model : new String[] {"gemini-2.5-flash", "gemini-3-pro"}) {
            given().port(capture.port())
                    .urlEncodingEnabled(false)
                    .contentType(ContentType.JSON)
                    .body("{\"contents\":[]}")
                    .post("/v1/models/" + model + ":" + method);
        }

        // Then the console's health counts both instances' calls under the one shape
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath health = given().port(consolePort).get("/q/health").jsonPath();
            String check = "checks.find { it.name == 'thinkwatch-unrecorded-calls' }";
            assertThat(health.getString(check + ".status")).isEqualTo("UP");
            assertThat(health.getLong(check + ".data.'POST " + shape + "'")).isEqualTo(1_000_002L);
            assertThat(health.getLong(check + ".data.callsLastHour")).isGreaterThanOrEqualTo(1_000_002L);
        });
        // And the default tenant's overview data has it, with the upstream it went to; another tenant's has not
        assertThat(unrecorded.lastHour("default"))
                .contains(new UnrecordedCalls.Shape("POST", shape, "gemini", 1_000_002L));
        assertThat(unrecorded.lastHour("another-tenant"))
                .noneMatch(s -> s.shape().equals(shape));
        // And Prometheus has this instance's own count
        String metrics = given().port(consolePort).get("/q/metrics").asString();
        assertThat(metrics)
                .contains("thinkwatch_capture_unrecorded_total{method=\"POST\",shape=\"" + shape + "\"} 2.0");
    }

    /** A number in letters only: a method name with a digit would be taken for an id. */
    static String letters(long n) {
        StringBuilder s = new StringBuilder();
        for (char c : Long.toString(n).toCharArray()) {
            s.append((char) ('a' + (c - '0')));
        }
        return s.toString();
    }
}
