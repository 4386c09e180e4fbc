package io.thinkwatch.indexer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Request;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

import io.thinkwatch.platform.OpenSearchFailure;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns trace and finding records into documents and writes them with the bulk API, item by item: an item counts as
 * written only when its own status says so. Items that can never be indexed become dead letters.
 */
class BulkWriter {

    /** A record that can never be indexed, and why. */
    record DeadLetter(ConsumerRecord<String, byte[]> record, String reason) {}

    /**
     * One document to write: the record it came from, its id (trace or finding id), its index, its JSON (one line)
     * and its version (a finding's count), or -1 when any write replaces it.
     */
    @SuppressWarnings("ArrayRecordComponent") // bytes passed along, never compared or hashed as a record
    record Doc(ConsumerRecord<String, byte[]> record, String id, String index, byte[] source, long version) {}

    /** Thrown while some items are still waiting for a retryable failure to pass. */
    static final class ItemsPending extends Exception {
        ItemsPending(int count, String example) {
            super(count + " documents not yet indexed, e.g. " + example);
        }
    }

    /** The derived, searchable plain text of the request; indexed, not kept in {@code _source}. */
    static final String REQUEST_TEXT = "requestText";
    /** Only what is checked of each bulk item; the rest of the answer is not sent. */
    private static final String ITEM_RESULTS = "items.*.status,items.*.error";

    private static final byte[] INDEX_ACTION = "{\"index\":{\"_index\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ID = "\",\"_id\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ACTION_END = "\"}}\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VERSION =
            "\",\"version_type\":\"external_gte\",\"version\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VERSIONED_ACTION_END = "}}\n".getBytes(StandardCharsets.UTF_8);

    private final OpenSearchClient client;
    private final ObjectMapper mapper;
    private final JsonFactory json;
    private final long maxBatchBytes;
    private final int maxRequestText;
    private final Optional<String> user;

    /** {@code user} is the configured {@code thinkwatch.opensearch.username}, named when OpenSearch refuses it. */
    BulkWriter(
            OpenSearchClient client,
            ObjectMapper mapper,
            long maxBatchBytes,
            int maxRequestText,
            Optional<String> user) {
        this.client = client;
        this.mapper = mapper;
        this.json = mapper.getFactory();
        this.maxBatchBytes = maxBatchBytes;
        this.maxRequestText = maxRequestText;
        this.user = user;
    }

    /** Reads each record; those that are not a document of their topic go straight to {@code dead}. */
    List<Doc> documents(Iterable<ConsumerRecord<String, byte[]>> records, List<DeadLetter> dead) {
        List<Doc> docs = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            IndexedTopic topic = IndexedTopic.of(record.topic());
            RecordFields fields;
            try {
                fields = RecordFields.read(json, record.value(), topic.idField, topic.versionField, maxRequestText);
            } catch (IOException e) {
                dead.add(new DeadLetter(
                        record,
                        "not valid JSON: " + e.getMessage().lines().findFirst().orElse("")));
                continue;
            }
            if (fields.id() == null) {
                dead.add(new DeadLetter(
                        record,
                        "not a document of " + record.topic() + ": a UTF-8 JSON object with a " + topic.idField
                                + " is required"));
                continue;
            }
            docs.add(new Doc(
                    record,
                    fields.id(),
                    topic.index(fields, record.timestamp()),
                    topic.document(record.value(), fields),
                    fields.version()));
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
            bytes += pending.get(to).source().length;
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
        JsonNode items = bulk(chunk).path("items");
        if (items.size() != chunk.size()) {
            throw new IOException(
                    "OpenSearch answered a bulk of " + chunk.size() + " documents with " + items.size() + " items");
        }
        Iterator<Doc> docs = chunk.iterator();
        String retryable = null;
        for (JsonNode item : items) {
            Doc doc = docs.next();
            JsonNode result = item.path("index");
            int status = result.path("status").asInt();
            JsonNode error = result.path("error");
            if ((error.isMissingNode() && status < 300) || isNewerStored(status, error)) {
                docs.remove();
            } else if (isRetryable(status)) {
                retryable = status + " " + error.path("type").asText();
            } else {
                docs.remove();
                dead.add(new DeadLetter(
                        doc.record(),
                        "OpenSearch refused the document: HTTP " + status + " "
                                + error.path("type").asText() + ": "
                                + error.path("reason").asText()));
            }
        }
        return retryable;
    }

    /**
     * Sends the chunk as one NDJSON bulk body (an action line and the document's own bytes each) and returns the
     * answer, filtered to each item's status and error.
     */
    private JsonNode bulk(List<Doc> chunk) throws IOException {
        // Built in an array of its exact size: a body is megabytes, and a growing buffer would allocate and copy it
        // about three times over
        byte[][] actions = new byte[chunk.size()][];
        int size = 0;
        for (int i = 0; i < actions.length; i++) {
            actions[i] = action(chunk.get(i));
            size = Math.addExact(size, actions[i].length + chunk.get(i).source().length + 1);
        }
        ByteBuffer body = ByteBuffer.allocate(size);
        for (int i = 0; i < actions.length; i++) {
            body.put(actions[i]).put(chunk.get(i).source()).put((byte) '\n');
        }
        Request request = Requests.builder()
                .method("POST")
                .endpoint("/_bulk")
                .query(Map.of("filter_path", ITEM_RESULTS))
                .body(Body.from(body.array(), "application/x-ndjson"))
                .build();
        try (Response response = client.generic().execute(request)) {
            Optional<Body> answer = response.getBody();
            if (response.getStatus() >= 300 || answer.isEmpty()) {
                String reason = answer.map(Body::bodyAsString).orElse("");
                throw new IOException("OpenSearch refused the bulk request: HTTP " + response.getStatus() + " "
                        + reason.substring(0, Math.min(reason.length(), 200)));
            }
            try (InputStream in = answer.get().body()) {
                return mapper.readTree(in);
            }
        } catch (IOException e) {
            // Credentials refused or a role missing after start-up (a password changed): the start-up check's line
            Optional<OpenSearchFailure.Refused> refused = OpenSearchFailure.refusal(e, user);
            if (refused.isPresent()) {
                throw refused.get();
            }
            throw e;
        }
    }

    /** The action line of a document: index it under its id, with its version when it has one. */
    private static byte[] action(Doc doc) {
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        ByteArrayOutputStream action = new ByteArrayOutputStream(128);
        action.writeBytes(INDEX_ACTION);
        action.writeBytes(encoder.quoteAsUTF8(doc.index()));
        action.writeBytes(ID);
        action.writeBytes(encoder.quoteAsUTF8(doc.id()));
        if (doc.version() >= 0) {
            action.writeBytes(VERSION);
            action.writeBytes(Long.toString(doc.version()).getBytes(StandardCharsets.US_ASCII));
            action.writeBytes(VERSIONED_ACTION_END);
        } else {
            action.writeBytes(ACTION_END);
        }
        return action.toByteArray();
    }

    /** Whether a versioned write was refused because OpenSearch already holds a newer version (then it is done). */
    private static boolean isNewerStored(int status, JsonNode error) {
        return status == 409 && error.path("type").asText().equals("version_conflict_engine_exception");
    }

    static boolean isRetryable(int status) {
        return status == 429 || status >= 500;
    }
}
