package io.thinkwatch.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import io.thinkwatch.platform.Topics;
import io.thinkwatch.testing.TestTraces;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Records that can never be indexed go to the DLQ with their reason and bytes; the rest are indexed. */
@QuarkusTest
class DeadLetterIT {

    private static final String TENANT = TestTraces.tenant("dead-letters");
    private static final int GOOD = 100;
    private static final byte[] GARBAGE = "{\"traceId\": not json at all".getBytes(StandardCharsets.UTF_8);
    private static final String GARBAGE_KEY = TENANT + "-garbage";
    private static final String REFUSED_ID = TENANT + "-refused";
    private static byte[] refused;
    private static boolean published;

    @Inject
    OpenSearchClient client;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    /** 100 good traces, with garbage bytes and a trace OpenSearch must refuse (a word where a number goes) among them. */
    private void publishOnce() throws Exception {
        if (published) {
            return;
        }
        Instant now = Instant.now();
        ObjectNode bad = TestTraces.trace(TENANT, REFUSED_ID, now);
        ((ObjectNode) bad.get("usage")).put("reasoningTokens", "lots");
        refused = TestTraces.JSON.writeValueAsBytes(bad);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < GOOD; i++) {
            String id = TENANT + "-" + i;
            records.add(new ProducerRecord<>(
                    Topics.TRACES,
                    id,
                    TestTraces.JSON.writeValueAsBytes(TestTraces.trace(TENANT, id, now.plusMillis(i)))));
            if (i == 30) {
                records.add(new ProducerRecord<>(Topics.TRACES, GARBAGE_KEY, GARBAGE));
            } else if (i == 60) {
                records.add(new ProducerRecord<>(Topics.TRACES, REFUSED_ID, refused));
            }
        }
        try (TestTraces traces = new TestTraces()) {
            traces.send(records);
        }
        published = true;
    }

    @Test
    void tracesAroundPoisonRecordsAreAllIndexed() throws Exception {
        // Given good traces with two poison records among them
        // When they are published
        publishOnce();

        // Then the 100 good ones become documents and the refused one does not
        TestTraces.awaitCount(client, TENANT, GOOD, Duration.ofMinutes(2));
        assertThat(TestTraces.count(client, TENANT)).isEqualTo(GOOD);
    }

    @Test
    void poisonRecordsLandInTheDeadLetterTopicWithReasonAndOriginalBytes() throws Exception {
        // Given good traces with garbage bytes and a trace OpenSearch refuses among them
        // When they are published
        publishOnce();

        // Then both are in thinkwatch.traces.dlq, unchanged, each with its reason
        Map<String, ConsumerRecord<String, byte[]>> found = new HashMap<>();
        try (KafkaConsumer<String, byte[]> dlq = dlqConsumer()) {
            await().atMost(Duration.ofMinutes(2)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : dlq.poll(Duration.ofMillis(500))) {
                    if (GARBAGE_KEY.equals(r.key()) || REFUSED_ID.equals(r.key())) {
                        found.putIfAbsent(r.key(), r);
                    }
                }
                return found.size() == 2;
            });
        }
        assertThat(found.get(GARBAGE_KEY).value()).isEqualTo(GARBAGE);
        assertThat(reason(found.get(GARBAGE_KEY))).startsWith("not valid JSON");
        assertThat(found.get(REFUSED_ID).value()).isEqualTo(refused);
        assertThat(reason(found.get(REFUSED_ID)))
                .startsWith("OpenSearch refused the document: HTTP 400")
                .contains("usage.reasoningTokens");
        assertThat(new String(
                        found.get(REFUSED_ID)
                                .headers()
                                .lastHeader(DeadLetters.SOURCE_HEADER)
                                .value(),
                        StandardCharsets.UTF_8))
                .startsWith(Topics.TRACES + "-");
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(DeadLetters.REASON_HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private KafkaConsumer<String, byte[]> dlqConsumer() {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.TRACES_DLQ).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
