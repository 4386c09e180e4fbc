package io.thinkwatch.capture;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.thinkwatch.platform.Topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the TraceEvent capture published for a call, straight from {@code thinkwatch.traces}. */
final class CapturedTraces {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CapturedTraces() {}

    /** Waits for the trace with this id to be on the topic and returns it as JSON. */
    static JsonNode find(String bootstrap, String traceId) {
        AtomicReference<JsonNode> found = new AtomicReference<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.TRACES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (traceId.equals(record.key())) {
                        found.set(read(record.value()));
                    }
                });
                return found.get() != null;
            });
        }
        return found.get();
    }

    private static JsonNode read(String value) {
        try {
            return MAPPER.readTree(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
