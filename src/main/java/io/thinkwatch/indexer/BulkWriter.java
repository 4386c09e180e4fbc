package io.thinkwatch.indexer;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns trace records into documents and writes them with the bulk API, item by item: an item counts as
 * written only when its own status says so. Items that can never be indexed become dead letters.
 */
final class BulkWriter {

    /** A record that can never be indexed, and why. */
    record DeadLetter(ConsumerRecord<String, byte[]> record, String reason) {
    }

    /** One document to write: the record it came from, its id (the trace id) and its daily index. */
    record Doc(ConsumerRecord<String, byte[]> record, String id, String index, JsonNode source) {
    }

    /** Thrown while some items are still waiting for a retryable failure to pass. */
    static final class ItemsPending extends Exception {
        ItemsPending(int count, String example) {
            super(count + " documents not yet indexed, e.g. " + example);
        }
    }

    private final OpenSearchClient client;
    private final ObjectMapper mapper;

    BulkWriter(OpenSearchClient client, ObjectMapper mapper) {
        this.client = client;
        this.mapper = mapper;
    }

    /** Parses each record; those that are not a trace go straight to {@code dead}. */
    List<Doc> documents(Iterable<ConsumerRecord<String, byte[]>> records, List<DeadLetter> dead) {
        List<Doc> docs = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            JsonNode source;
            try {
                source = record.value() == null ? null : mapper.readTree(record.value());
            } catch (IOException e) {
                dead.add(new DeadLetter(record, "not valid JSON: " + e.getMessage().lines().findFirst().orElse("")));
                continue;
            }
            if (source == null || !source.isObject() || !source.path("traceId").isTextual()) {
                dead.add(new DeadLetter(record, "not a trace event: a JSON object with a traceId is required"));
                continue;
            }
            docs.add(new Doc(record, source.get("traceId").textValue(), TraceIndices.indexFor(startedAt(source, record)),
                    source));
        }
        return docs;
    }

    /**
     * Writes {@code pending}, removing every item OpenSearch acknowledged or refused for good (those go to
     * {@code dead}); throws while retryable items remain, so the caller retries with the rest.
     */
    void write(List<Doc> pending, List<DeadLetter> dead) throws IOException, ItemsPending {
        if (pending.isEmpty()) {
            return;
        }
        List<BulkOperation> operations = new ArrayList<>(pending.size());
        for (Doc doc : pending) {
            operations.add(BulkOperation.of(op -> op.index(i -> i.index(doc.index()).id(doc.id()).document(doc.source()))));
        }
        BulkResponse response = client.bulk(b -> b.operations(operations));
        Iterator<Doc> docs = pending.iterator();
        String retryable = null;
        for (BulkResponseItem item : response.items()) {
            Doc doc = docs.next();
            if (item.error() == null && item.status() < 300) {
                docs.remove();
            } else if (isRetryable(item.status())) {
                retryable = item.status() + " " + (item.error() == null ? "" : item.error().type());
            } else {
                docs.remove();
                dead.add(new DeadLetter(doc.record(), "OpenSearch refused the document: HTTP " + item.status() + " "
                        + (item.error() == null ? "" : item.error().type() + ": " + item.error().reason())));
            }
        }
        if (!pending.isEmpty()) {
            throw new ItemsPending(pending.size(), retryable);
        }
    }

    static boolean isRetryable(int status) {
        return status == 429 || status >= 500;
    }

    private static Instant startedAt(JsonNode source, ConsumerRecord<String, byte[]> record) {
        try {
            return Instant.parse(source.path("startedAt").asText());
        } catch (RuntimeException e) {
            return Instant.ofEpochMilli(record.timestamp());
        }
    }
}
