package io.thinkwatch.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch.core.search.Hit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import io.thinkwatch.platform.Topics;
import io.thinkwatch.testing.TestTraces;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** 10,000 traces through the real Kafka and OpenSearch: each indexed once, and a replay changes nothing. */
@QuarkusTest
class IndexerExactlyOnceIT {

    private static final String TENANT = TestTraces.tenant("exactly-once");
    private static final int TRACES = 10_000;
    private static boolean published;

    @Inject
    OpenSearchClient client;

    @Inject
    IndexerConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    /** Publishes the 10,000 traces once for the class, in batches, and waits until all are searchable. */
    private void tracesIndexed() throws Exception {
        if (!published) {
            Instant start = Instant.now().minusSeconds(3600);
            try (TestTraces traces = new TestTraces()) {
                for (int batch = 0; batch < TRACES / 1000; batch++) {
                    List<ObjectNode> list = new ArrayList<>();
                    for (int i = 0; i < 1000; i++) {
                        int n = batch * 1000 + i;
                        list.add(TestTraces.trace(TENANT, TENANT + "-" + n, start.plusMillis(n)));
                    }
                    traces.publish(list);
                }
            }
            published = true;
        }
        TestTraces.awaitCount(client, TENANT, TRACES, Duration.ofMinutes(3));
    }

    @Test
    void everyPublishedTraceBecomesExactlyOneDocument() throws Exception {
        // Given 10,000 traces published to thinkwatch.traces
        // When the indexer has consumed them
        tracesIndexed();

        // Then there are exactly 10,000 documents of the tenant
        assertThat(TestTraces.count(client, TENANT)).isEqualTo(TRACES);
    }

    @Test
    void replayingTheTopicFromOffsetZeroLeavesTheSameDocuments() throws Exception {
        // Given the 10,000 traces indexed, and where the topic ends now
        tracesIndexed();
        Map<TopicPartition, Long> ends = endOffsets();

        // When an indexer of a new group reads the whole topic again from offset 0
        String group = "replay-" + UUID.randomUUID();
        BulkWriter writer =
                new BulkWriter(client, mapper, config.maxBatchBytes(), config.maxRequestText(), Optional.empty());
        IndexerLoop replay = IndexerLoop.of(
                List.of(Topics.TRACES), group, config, kafka, Map.of(), writer, new SimpleMeterRegistry(), () -> {});
        ExecutorService thread = Executors.newSingleThreadExecutor();
        thread.execute(replay);
        try {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> committedUpTo(group, ends));
        } finally {
            replay.stop();
            thread.shutdown();
            thread.awaitTermination(30, TimeUnit.SECONDS);
        }

        // Then, once refreshed (a search sees a document's version as of the last refresh), there are still
        // exactly 10,000 documents, and each sampled one was written a second time
        client.indices().refresh(r -> r.index(TraceIndices.ALIAS));
        assertThat(TestTraces.count(client, TENANT)).isEqualTo(TRACES);
        List<Hit<ObjectNode>> sample = client.search(
                        s -> s.index(TraceIndices.ALIAS)
                                .size(500)
                                .version(true)
                                .query(q -> q.term(t -> t.field("tenant").value(FieldValue.of(TENANT)))),
                        ObjectNode.class)
                .hits()
                .hits();
        assertThat(sample)
                .hasSize(500)
                .allSatisfy(hit -> assertThat(hit.version()).isGreaterThanOrEqualTo(2L));
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        try (Admin admin = Admin.create(kafka)) {
            var partitions = admin.describeTopics(List.of(Topics.TRACES))
                    .allTopicNames()
                    .get()
                    .get(Topics.TRACES)
                    .partitions();
            Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                    .collect(Collectors.toMap(
                            p -> new TopicPartition(Topics.TRACES, p.partition()), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    private boolean committedUpTo(String group, Map<TopicPartition, Long> ends) throws Exception {
        try (Admin admin = Admin.create(kafka)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
            return ends.entrySet().stream()
                    .allMatch(e -> e.getValue() == 0
                            || (committed.get(e.getKey()) != null
                                    && committed.get(e.getKey()).offset() >= e.getValue()));
        }
    }
}
