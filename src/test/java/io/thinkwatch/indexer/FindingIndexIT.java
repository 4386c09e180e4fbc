package io.thinkwatch.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch.core.search.Hit;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import io.thinkwatch.model.Finding;
import io.thinkwatch.model.RuleKind;
import io.thinkwatch.model.Severity;
import io.thinkwatch.model.Unit;
import io.thinkwatch.platform.Topics;
import io.thinkwatch.testing.TestTraces;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Findings on {@code thinkwatch.findings} become one document each in {@code thinkwatch-findings}, the latest version kept. */
@QuarkusTest
class FindingIndexIT {

    private static final String TENANT = TestTraces.tenant("finding-index");

    @Inject
    OpenSearchClient client;

    @Inject
    ObjectMapper mapper;

    @Inject
    IndexerConfig config;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Test
    void aFindingPublishedThreeTimesIsOneDocumentWithTheLatestCount() throws Exception {
        // Given a finding published with counts 1, 2 and 3, as the rule engine does while matches come in
        String id = TENANT + "-runaway";
        Instant window = Instant.now().truncatedTo(ChronoUnit.HOURS);
        try (TestTraces kafkaTraces = new TestTraces()) {
            for (long count = 1; count <= 3; count++) {
                kafkaTraces.send(List.of(new ProducerRecord<>(
                        Topics.FINDINGS, id, mapper.writeValueAsBytes(finding(id, window, count)))));
            }
        }

        // When the indexer has written them
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> document(id).map(doc -> doc.path("count").asLong()).orElse(0L) == 3);

        // Then the tenant has exactly one finding document, searchable by its rule and holding the latest numbers
        List<Hit<ObjectNode>> hits = tenantFindings(id);
        assertThat(hits).hasSize(1);
        ObjectNode doc = hits.get(0).source();
        assertThat(doc.path("findingId").asText()).isEqualTo(id);
        assertThat(doc.path("kind").asText()).isEqualTo("reasoning_tokens_above");
        assertThat(doc.path("traceIds")).hasSize(3);
        assertThat(doc.path("reasoningTokens").asLong()).isEqualTo(3 * 30_000L);
    }

    @Test
    void aVersionWithALowerCountArrivingLaterDoesNotReplaceAHigherOne() throws Exception {
        // Given a finding published with counts 1 and 3, then an older version (count 2) again, as a retried or
        // replayed write can land after a newer one; all on one partition, in this order
        String id = TENANT + "-late-version";
        Instant window = Instant.now().truncatedTo(ChronoUnit.HOURS);
        long end = 0;
        try (TestTraces kafkaTraces = new TestTraces()) {
            for (long count : new long[] {1, 3, 2}) {
                end = kafkaTraces
                                .send(List.of(new ProducerRecord<>(
                                        Topics.FINDINGS, 0, id, mapper.writeValueAsBytes(finding(id, window, count)))))
                                .get(0)
                                .offset()
                        + 1;
            }
        }
        long last = end;

        // When the indexer has committed past all three (it commits only what is written)
        try (Admin admin = Admin.create(kafka)) {
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        OffsetAndMetadata committed = admin.listConsumerGroupOffsets(config.groupId())
                                .partitionsToOffsetAndMetadata()
                                .get()
                                .get(new TopicPartition(Topics.FINDINGS, 0));
                        return committed != null && committed.offset() >= last;
                    });
        }

        // Then the document holds the highest count, not the last written
        assertThat(document(id))
                .hasValueSatisfying(
                        doc -> assertThat(doc.path("count").asLong()).isEqualTo(3));
    }

    @Test
    void aRecordThatIsNotAFindingGoesToTheFindingsDeadLetterTopic() throws Exception {
        // Given bytes on the findings topic that are JSON but carry no findingId
        String key = TENANT + "-poison";
        byte[] poison = "{\"tenant\":\"x\",\"count\":1}".getBytes(StandardCharsets.UTF_8);
        try (TestTraces kafkaTraces = new TestTraces()) {
            kafkaTraces.send(List.of(new ProducerRecord<>(Topics.FINDINGS, key, poison)));
        }

        // When the indexer reads it
        // Then it is in thinkwatch.findings.dlq with its original bytes and a reason naming the missing id
        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(key);
        assertThat(dead.value()).isEqualTo(poison);
        assertThat(new String(
                        dead.headers().lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8))
                .contains("findingId");
    }

    private Finding finding(String id, Instant window, long count) {
        List<String> traceIds = java.util.stream.LongStream.rangeClosed(1, count)
                .mapToObj(n -> TENANT + "-trace-" + n)
                .toList();
        return new Finding(
                id,
                TENANT,
                "rule-1",
                "Runaway reasoning",
                RuleKind.REASONING_TOKENS_ABOVE,
                Severity.CRITICAL,
                "app=checkout",
                window,
                window.plus(1, ChronoUnit.HOURS),
                window,
                window.plusSeconds(count),
                count,
                traceIds,
                "checkout",
                "o3",
                30_000.0,
                20_000.0,
                Unit.TOKENS,
                count * 30_000L,
                32_768L,
                BigDecimal.valueOf(count).multiply(new BigDecimal("0.12")),
                "Reasoning above 20000 tokens",
                List.of());
    }

    private Optional<ObjectNode> document(String id) throws Exception {
        var response = client.get(g -> g.index(FindingIndex.NAME).id(id), ObjectNode.class);
        return response.found() ? Optional.of(response.source()) : Optional.empty();
    }

    /** The tenant's documents of rule-1 with this finding id. */
    private List<Hit<ObjectNode>> tenantFindings(String id) throws Exception {
        client.indices().refresh(r -> r.index(FindingIndex.NAME));
        return client.search(
                        s -> s.index(FindingIndex.NAME)
                                .size(10)
                                .query(q -> q.bool(b -> b.filter(f ->
                                                f.term(t -> t.field("tenant").value(FieldValue.of(TENANT))))
                                        .filter(f ->
                                                f.term(t -> t.field("ruleId").value(FieldValue.of("rule-1"))))
                                        .filter(f ->
                                                f.term(t -> t.field("findingId").value(FieldValue.of(id)))))),
                        ObjectNode.class)
                .hits()
                .hits();
    }

    private ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> dlq =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            await().atMost(Duration.ofMinutes(1))
                    .ignoreExceptions()
                    .until(() -> !dlq.partitionsFor(Topics.FINDINGS_DLQ).isEmpty());
            List<TopicPartition> partitions = dlq.partitionsFor(Topics.FINDINGS_DLQ).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            dlq.assign(partitions);
            dlq.seekToBeginning(partitions);
            ConsumerRecord<String, byte[]>[] found = new ConsumerRecord[1];
            await().atMost(Duration.ofMinutes(2)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : dlq.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        found[0] = r;
                    }
                }
                return found[0] != null;
            });
            return found[0];
        }
    }
}
