package io.thinkwatch.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;

import io.thinkwatch.indexer.TraceIndices;
import io.thinkwatch.platform.Topics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Test traces published straight to {@code thinkwatch.traces} with a raw Kafka producer, as capture would,
 * and counted in OpenSearch per tenant. Each test class uses a tenant of its own.
 */
public final class TestTraces implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<String, byte[]> producer;

    public TestTraces() {
        Map<String, Object> config = new HashMap<>();
        config.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** A fresh tenant name for one test class. */
    public static String tenant(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A complete, ordinary trace; tests change the fields they care about. */
    public static ObjectNode trace(String tenant, String traceId, Instant startedAt) {
        ObjectNode t = JSON.createObjectNode();
        t.put("traceId", traceId);
        t.put("tenant", tenant);
        t.put("app", "app-a");
        t.put("env", "test");
        t.put("provider", "openai");
        t.put("api", "chat.completions");
        t.put("model", "o3");
        ObjectNode request = t.putObject("request");
        request.putArray("messages").addObject().put("role", "user").put("content", "Plan a trip to the lake");
        request.putObject("params").put("maxOutputTokens", 4000);
        t.put("answer", "Take the northern trail along the river");
        t.put("reasoningText", "Comparing routes by distance");
        t.put("finishReason", "stop");
        t.put("status", "ok");
        t.put("httpStatus", 200);
        ObjectNode usage = t.putObject("usage");
        usage.put("inputTokens", 20)
                .put("outputTokens", 1200)
                .put("reasoningTokens", 1000)
                .put("visibleOutputTokens", 200)
                .put("source", "provider");
        t.put("maxOutputTokens", 4000);
        t.put("truncated", false);
        t.put("emptyAnswer", false);
        t.put("costUsd", 0.01);
        t.put("startedAt", startedAt.toString());
        t.put("completedAt", startedAt.plusMillis(900).toString());
        t.put("latencyMs", 900);
        return t;
    }

    /** Sends each trace keyed by its id, and raw records as they are; waits until Kafka acknowledged all. */
    public void publish(List<ObjectNode> traces) throws Exception {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (ObjectNode trace : traces) {
            records.add(
                    new ProducerRecord<>(Topics.TRACES, trace.path("traceId").asText(), JSON.writeValueAsBytes(trace)));
        }
        send(records);
    }

    /** Sends records as given and waits until Kafka acknowledged each; where each was written. */
    public List<RecordMetadata> send(List<ProducerRecord<String, byte[]>> records) throws Exception {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (ProducerRecord<String, byte[]> record : records) {
            sends.add(producer.send(record));
        }
        producer.flush();
        List<RecordMetadata> written = new ArrayList<>();
        for (Future<RecordMetadata> send : sends) {
            written.add(send.get(30, TimeUnit.SECONDS));
        }
        return written;
    }

    /** Documents of {@code tenant} searchable now. */
    public static long count(OpenSearchClient client, String tenant) throws IOException {
        return client.count(c -> c.index(TraceIndices.ALIAS)
                        .ignoreUnavailable(true)
                        .allowNoIndices(true)
                        .query(q -> q.term(t -> t.field("tenant").value(FieldValue.of(tenant)))))
                .count();
    }

    /**
     * Waits until at least {@code expected} documents of {@code tenant} are searchable; a node that answers
     * 503 while it creates an index is asked again.
     */
    public static void awaitCount(OpenSearchClient client, String tenant, long expected, Duration timeout) {
        await().atMost(timeout)
                .pollInterval(Duration.ofMillis(300))
                .ignoreExceptions()
                .until(() -> count(client, tenant) >= expected);
    }

    @Override
    public void close() {
        producer.close();
    }
}
