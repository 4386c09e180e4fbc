package io.thinkwatch.indexer;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

import io.thinkwatch.platform.OpenSearchFailure;
import io.thinkwatch.platform.Topics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A topic the indexer writes to OpenSearch, and how its records become documents: the field that is the
 * document id (so a replay overwrites instead of duplicating), the index, and where poison records go.
 */
enum IndexedTopic {

    /**
     * TraceEvents into daily indices by {@code startedAt}, with the derived, searchable request text and the count
     * of visible reasoning characters (unless the record carries its own).
     */
    TRACES(
            Topics.TRACES,
            Topics.TRACES_DLQ,
            "traceId",
            null,
            TraceIndices.TEMPLATE,
            "/opensearch/traces-template.json") {
        @Override
        String index(RecordFields fields, long recordTimestamp) {
            Instant startedAt;
            try {
                startedAt = Instant.parse(fields.startedAt());
            } catch (RuntimeException e) {
                startedAt = Instant.ofEpochMilli(recordTimestamp);
            }
            return TraceIndices.indexFor(startedAt);
        }

        @Override
        byte[] document(byte[] value, RecordFields fields) {
            byte[] line = fields.requestText().isEmpty() || fields.hasRequestText()
                    ? JsonLine.of(value)
                    : JsonLine.withField(value, BulkWriter.REQUEST_TEXT, fields.requestText());
            return fields.reasoningChars() < 0
                    ? line
                    : JsonLine.withNumber(line, RecordFields.REASONING_CHARS, fields.reasoningChars());
        }
    },

    /**
     * Findings into one index; a finding published again with a higher count replaces the earlier one, never a lower
     * (the count is the document's external version), whatever order concurrent or retried writes land in.
     */
    FINDINGS(
            Topics.FINDINGS,
            Topics.FINDINGS_DLQ,
            "findingId",
            "count",
            FindingIndex.NAME,
            "/opensearch/findings-template.json") {
        @Override
        String index(RecordFields fields, long recordTimestamp) {
            return FindingIndex.NAME;
        }
    };

    /** Reads and writes the template resources (plain JSON, no application settings). */
    private static final ObjectMapper TEMPLATES = new ObjectMapper();

    final String topic;
    final String deadLetterTopic;
    final String idField;
    /** The field whose higher value makes a newer version of a document (OpenSearch's external version), or null. */
    final String versionField;

    private final String templateName;
    private final String templateResource;

    IndexedTopic(
            String topic,
            String deadLetterTopic,
            String idField,
            String versionField,
            String templateName,
            String templateResource) {
        this.topic = topic;
        this.deadLetterTopic = deadLetterTopic;
        this.idField = idField;
        this.versionField = versionField;
        this.templateName = templateName;
        this.templateResource = templateResource;
    }

    /** The index a document of this topic goes to. */
    abstract String index(RecordFields fields, long recordTimestamp);

    /** The document written for a record: its own JSON on one line, with any derived fields added. */
    byte[] document(byte[] value, RecordFields fields) {
        return JsonLine.of(value);
    }

    static IndexedTopic of(String topic) {
        for (IndexedTopic indexed : values()) {
            if (indexed.topic.equals(topic)) {
                return indexed;
            }
        }
        throw new IllegalArgumentException("Not an indexed topic: " + topic);
    }

    /**
     * Installs or updates this topic's index template, with {@code replicas} copies of each shard besides the primary
     * (indices made from now on; existing ones keep theirs); idempotent.
     */
    void installTemplate(OpenSearchClient client, int replicas) throws IOException {
        String body = template(replicas);
        try (Response response = client.generic()
                .execute(Requests.builder()
                        .method("PUT")
                        .endpoint("/_index_template/" + templateName)
                        .json(body)
                        .build())) {
            if (response.getStatus() >= 300) {
                throw new OpenSearchFailure.Refused(
                        response.getStatus(),
                        "OpenSearch refused the index template " + templateName + ": HTTP " + response.getStatus() + " "
                                + response.getBody().map(b -> b.bodyAsString()).orElse(""));
            }
        }
    }

    /** The template's JSON, its {@code number_of_replicas} set to {@code replicas}. */
    String template(int replicas) throws IOException {
        ObjectNode template;
        try (InputStream in = IndexedTopic.class.getResourceAsStream(templateResource)) {
            template = (ObjectNode) TEMPLATES.readTree(in);
        }
        ((ObjectNode) template.path("template").path("settings")).put("number_of_replicas", replicas);
        return TEMPLATES.writeValueAsString(template);
    }
}
