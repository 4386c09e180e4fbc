package io.thinkwatch.indexer;

import java.io.IOException;
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
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns trace and finding records into documents and writes them with the bulk API, item by item: an item counts as
 * written only when its own status says so. Items that can never be indexed become dead letters.
 */
final class BulkWriter {

    /** A record that can never be indexed, and why. */
    record DeadLetter(ConsumerRecord<String, byte[]> record, String reason) {
    }

    /** One document to write: the record it came from, its id (trace or finding id) and its index. */
    record Doc(ConsumerRecord<String, byte[]> record, String id, String index, ObjectNode source) {
    }

    /** Thrown while some items are still waiting for a retryable failure to pass. */
    static final class ItemsPending extends Exception {
        ItemsPending(int count, String example) {
            super(count + " documents not yet indexed, e.g. " + example);
        }
    }

    /** The derived, searchable plain text of the request; indexed, not kept in {@code _source}. */
    static final String REQUEST_TEXT = "requestText";

    private final OpenSearchClient client;
    private final ObjectMapper mapper;
    private final long maxBatchBytes;
    private final int maxRequestText;

    BulkWriter(OpenSearchClient client, ObjectMapper mapper, long maxBatchBytes, int maxRequestText) {
        this.client = client;
        this.mapper = mapper;
        this.maxBatchBytes = maxBatchBytes;
        this.maxRequestText = maxRequestText;
    }

    /** Parses each record; those that are not a document of their topic go straight to {@code dead}. */
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
            IndexedTopic topic = IndexedTopic.of(record.topic());
            if (source == null || !source.isObject() || !source.path(topic.idField).isTextual()) {
                dead.add(new DeadLetter(record, "not a document of " + record.topic() + ": a JSON object with a "
                        + topic.idField + " is required"));
                continue;
            }
            ObjectNode document = (ObjectNode) source;
            topic.derive(document, maxRequestText);
            docs.add(new Doc(record, source.get(topic.idField).textValue(), topic.index(source, record.timestamp()),
                    document));
        }
        return docs;
    }

    /**
     * Writes {@code pending}, removing every item OpenSearch acknowledged or refused for good (those go to
     * {@code dead}); throws while retryable items remain, so the caller retries with the rest.
     */
    void write(List<Doc> pending, List<DeadLetter> dead) throws IOException, ItemsPending {
        String retryable = null;
        int from = 0;
        while (from < pending.size()) {
            int to = chunkEnd(pending, from);
            List<Doc> chunk = pending.subList(from, to);
            String failure = writeChunk(chunk, dead);
            retryable = failure == null ? retryable : failure;
            from += chunk.size();
        }
        if (!pending.isEmpty()) {
            throw new ItemsPending(pending.size(), retryable);
        }
    }

    /** End (exclusive) of the chunk starting at {@code from}: at least one document, else at most the byte limit. */
    private int chunkEnd(List<Doc> pending, int from) {
        long bytes = 0;
        int to = from;
        while (to < pending.size()) {
            byte[] value = pending.get(to).record().value();
            bytes += value == null ? 0 : value.length;
            if (to > from && bytes > maxBatchBytes) {
                break;
            }
            to++;
        }
        return to;
    }

    /**
     * Writes one chunk and removes from it every document that is done (indexed or dead); returns a
     * retryable failure seen, or null.
     */
    private String writeChunk(List<Doc> chunk, List<DeadLetter> dead) throws IOException {
        List<BulkOperation> operations = new ArrayList<>(chunk.size());
        for (Doc doc : chunk) {
            operations.add(BulkOperation.of(op -> op.index(i -> i.index(doc.index()).id(doc.id()).document(doc.source()))));
        }
        BulkResponse response = client.bulk(b -> b.operations(operations));
        Iterator<Doc> docs = chunk.iterator();
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
        return retryable;
    }

    static boolean isRetryable(int status) {
        return status == 429 || status >= 500;
    }
}
