package io.thinkwatch.capture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.thinkwatch.platform.Topics;

/** A capture-only sidecar needs Kafka alone: PostgreSQL and OpenSearch point nowhere, and it still works. */
@QuarkusTest
@TestProfile(CaptureOnlyIT.CaptureOnly.class)
class CaptureOnlyIT {

    /** Roles capture (and the simulator as its upstream); database and OpenSearch addresses that refuse. */
    public static class CaptureOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "thinkwatch.roles", "capture,simulator",
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/unreachable",
                    "thinkwatch.opensearch.url", "http://127.0.0.1:1");
        }
    }

    @Inject
    CaptureServer capture;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    @Test
    void sidecarPublishesTracesWithoutDatabaseOrOpenSearch() {
        // Given an instance that runs only capture
        // When an application calls through it
        String traceId = given().port(capture.port())
                .contentType("application/json")
                .body("{\"model\":\"o3\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .extract()
                .header("X-Thinkwatch-Trace-Id");

        // Then its trace reaches Kafka
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(traceKeys()).contains(traceId));
    }

    @Test
    void consoleApiIsAbsentOnACaptureOnlyInstance() {
        // Given an instance that runs only capture
        // When the console API is called
        // Then it says the role is not running here
        given().port(consolePort)
                .get("/api/v1/traces/x")
                .then()
                .statusCode(404)
                .body("message", equalTo("this Thinkwatch instance does not run the console role"));
    }

    private List<String> traceKeys() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.TRACES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<String> keys = new ArrayList<>();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> keys.add(record.key()));
            }
            return keys;
        }
    }
}
