package io.thinkwatch.capture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.thinkwatch.testing.BuildServices;

/**
 * Kafka stopped (the build's own broker, through deploy/local/kafka.sh) while 1,000 calls pass through a
 * capture-only sidecar: every call succeeds, health says degraded but not down, and once Kafka is back every
 * trace is on the topic exactly once.
 */
@QuarkusTest
@TestProfile(KafkaOutageIT.CaptureOnlySidecar.class)
class KafkaOutageIT {

    private static final int CALLS = 1_000;

    /** Capture (with the simulator as upstream) alone; a short silence is taken for an outage. */
    public static class CaptureOnlySidecar implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "thinkwatch.roles", "capture,simulator",
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/unreachable",
                    "thinkwatch.opensearch.url", "http://127.0.0.1:1",
                    "thinkwatch.capture.spool.after", "1s",
                    "thinkwatch.capture.spool.dir", "target/capture-spool-outage");
        }
    }

    @Inject
    CaptureServer capture;

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    @Test
    void thousandCallsSucceedWithoutKafkaAndEveryTraceArrivesOnceAfterwards() throws Exception {
        // Given a sidecar whose traces reach Kafka
        String warmUp = call(HttpClient.newHttpClient())
                .headers()
                .firstValue("X-Thinkwatch-Trace-Id")
                .orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> TraceTopic.keys().contains(warmUp));

        List<String> ids = new ArrayList<>();
        try {
            // When Kafka is stopped and 1,000 calls pass through capture
            BuildServices.stopKafka();
            ids.addAll(thousandCalls());

            // Then every call succeeded, and health is degraded, not down, while traces are spooled
            assertThat(ids).hasSize(CALLS).doesNotHaveDuplicates();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonPath health = given().port(consolePort).get("/q/health").jsonPath();
                assertThat(health.getString("status")).isEqualTo("UP");
                assertThat(health.getString("checks.find { it.name == 'thinkwatch-capture' }.data.state"))
                        .isEqualTo("degraded");
            });
            assertThat(metric("thinkwatch_traces_spooled_total")).isPositive();
        } finally {
            BuildServices.startKafka();
        }

        // And once Kafka is back, all 1,000 traces are on the topic, none twice
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(TraceTopic.keys()).containsAll(ids));
        Map<String, Long> copies = TraceTopic.keys().stream()
                .filter(ids::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(copies)
                .hasSize(CALLS)
                .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1L));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(given().port(consolePort)
                                .get("/q/health")
                                .jsonPath()
                                .getString("checks.find { it.name == 'thinkwatch-capture' }.data.state"))
                        .isEqualTo("ok"));
    }

    private List<String> thousandCalls() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(4))
                .build();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                calls.add(callers.submit(() -> call(client)));
            }
            List<String> ids = new ArrayList<>();
            for (Future<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.get(2, TimeUnit.MINUTES);
                assertThat(response.statusCode()).isEqualTo(200);
                ids.add(response.headers().firstValue("X-Thinkwatch-Trace-Id").orElseThrow());
            }
            return ids;
        } finally {
            callers.shutdownNow();
        }
    }

    private HttpResponse<String> call(HttpClient client) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + capture.port() + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .header("X-Thinkwatch-App", "kafka-outage")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"o3\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private double metric(String name) {
        String text = given().port(consolePort).get("/q/metrics").asString();
        return text.lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
