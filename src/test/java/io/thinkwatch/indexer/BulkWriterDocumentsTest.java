package io.thinkwatch.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.thinkwatch.platform.Topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** How records become documents: their own bytes on one line, plus the derived request text. */
class BulkWriterDocumentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final BulkWriter writer = new BulkWriter(null, JSON, 1 << 20, 1000, Optional.empty());
    private final List<BulkWriter.DeadLetter> dead = new ArrayList<>();

    private List<BulkWriter.Doc> documents(String... values) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (String value : values) {
            records.add(new ConsumerRecord<>(
                    Topics.TRACES, 0, records.size(), "key", value.getBytes(StandardCharsets.UTF_8)));
        }
        return writer.documents(records, dead);
    }

    private static JsonNode source(BulkWriter.Doc doc) throws Exception {
        return JSON.readTree(doc.source());
    }

    @Test
    void traceKeepsItsFieldsAndGainsItsRequestText() throws Exception {
        // Given a trace with a request, its fields in the order capture writes them
        String trace = """
                {"traceId":"t-1","startedAt":"2026-11-20T23:59:59.5Z","request":{"messages":[{"role":"user",\
                "content":"Say \\"hi\\"\\nplease"}],"input":"Be brief"},"answer":"hi","usage":{"reasoningTokens":12}}""";

        // When it becomes a document
        List<BulkWriter.Doc> docs = documents(trace);

        // Then its id and daily index come from the trace, and the document is the trace plus the request text
        assertThat(dead).isEmpty();
        assertThat(docs).singleElement().satisfies(doc -> {
            assertThat(doc.id()).isEqualTo("t-1");
            assertThat(doc.index()).isEqualTo(TraceIndices.ALIAS + "-2026.11.20");
        });
        JsonNode expected = JSON.readTree(trace);
        ((ObjectNode) expected).put(BulkWriter.REQUEST_TEXT, "Be brief\nSay \"hi\"\nplease");
        ((ObjectNode) expected).put(RecordFields.REASONING_CHARS, 0);
        assertThat(source(docs.get(0))).isEqualTo(expected);
    }

    @Test
    void prettyPrintedTraceBecomesOneLine() throws Exception {
        // Given a trace written over several lines, without a request
        String trace = "{\n  \"traceId\" : \"t-2\",\r\n  \"answer\" : \"a\\nb\"\n}\n";

        // When it becomes a document
        List<BulkWriter.Doc> docs = documents(trace);

        // Then the document has no line break and the same content, with no reasoning shown
        ObjectNode expected = (ObjectNode) JSON.readTree(trace);
        expected.put(RecordFields.REASONING_CHARS, 0);
        assertThat(docs).singleElement().satisfies(doc -> {
            assertThat(new String(doc.source(), StandardCharsets.UTF_8)).doesNotContain("\n", "\r");
            assertThat(source(doc)).isEqualTo(expected);
        });
    }

    @Test
    void traceGainsTheLengthOfItsVisibleReasoningUnlessItCarriesOne() throws Exception {
        // Given a trace whose reasoning holds a character outside the BMP (two UTF-16 units) and an escape, and one
        // that carries its own reasoningChars
        String shown = "{\"traceId\":\"t-8\",\"reasoningText\":\"\\uD83D\\uDE00 a\\nb\"}";
        String own = "{\"traceId\":\"t-9\",\"reasoningText\":\"abc\",\"reasoningChars\":7}";

        // When they become documents
        List<BulkWriter.Doc> docs = documents(shown, own);

        // Then the first counts its reasoning as Java and JavaScript do (the monitor's evidence offsets), the second
        // keeps its own count and no second field
        assertThat(source(docs.get(0)).path(RecordFields.REASONING_CHARS).asLong())
                .isEqualTo(6);
        assertThat(source(docs.get(1))).isEqualTo(JSON.readTree(own));
    }

    @Test
    void prettyPrintedTraceWithARequestBecomesOneLineWithItsRequestText() throws Exception {
        // Given a trace written over several lines, with a request whose text has a line break of its own
        String trace = "{\r\n  \"traceId\" : \"t-7\",\n  \"request\" : {\"input\" : \"two\\nlines\"}\n}\n";

        // When it becomes a document
        List<BulkWriter.Doc> docs = documents(trace);

        // Then the document has no line break, and it is the trace plus the request text
        assertThat(docs)
                .singleElement()
                .satisfies(doc -> assertThat(new String(doc.source(), StandardCharsets.UTF_8))
                        .doesNotContain("\n", "\r"));
        JsonNode expected = JSON.readTree(trace);
        ((ObjectNode) expected).put(BulkWriter.REQUEST_TEXT, "two\nlines");
        ((ObjectNode) expected).put(RecordFields.REASONING_CHARS, 0);
        assertThat(source(docs.get(0))).isEqualTo(expected);
    }

    @Test
    void recordsThatAreNotOneTraceObjectAreDeadLetters() {
        // Given a cut record, an object followed by more, an array, a trace without an id, and one in UTF-16
        String[] values = {
            "{\"traceId\": \"t-3\"", "{\"traceId\":\"t-4\"} {}", "[{\"traceId\":\"t-5\"}]", "{\"answer\":\"x\"}"
        };

        // When they are read
        List<BulkWriter.Doc> docs = documents(values);
        docs.addAll(writer.documents(
                List.of(new ConsumerRecord<>(
                        Topics.TRACES, 0, 9, "key", "{\"traceId\":\"t-6\"}".getBytes(StandardCharsets.UTF_16))),
                dead));

        // Then none is a document and each is a dead letter with its reason
        assertThat(docs).isEmpty();
        assertThat(dead)
                .extracting(BulkWriter.DeadLetter::reason)
                .satisfiesExactly(
                        reason -> assertThat(reason).startsWith("not valid JSON"),
                        reason -> assertThat(reason).startsWith("not valid JSON"),
                        reason -> assertThat(reason).startsWith("not a document of " + Topics.TRACES),
                        reason -> assertThat(reason).startsWith("not a document of " + Topics.TRACES),
                        reason -> assertThat(reason).startsWith("not a document of " + Topics.TRACES));
    }

    @Test
    void aFindingsCountIsItsVersionAndATraceHasNone() {
        // Given a finding with a count, findings whose count is missing, negative or not a whole number, and a trace
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (String value : new String[] {
            "{\"findingId\":\"f-1\",\"count\":7}",
            "{\"findingId\":\"f-2\"}",
            "{\"findingId\":\"f-3\",\"count\":-2}",
            "{\"findingId\":\"f-4\",\"count\":\"7\"}",
            "{\"findingId\":\"f-5\",\"count\":1.5}"
        }) {
            records.add(new ConsumerRecord<>(
                    Topics.FINDINGS, 0, records.size(), "key", value.getBytes(StandardCharsets.UTF_8)));
        }

        // When they become documents
        List<BulkWriter.Doc> findings = writer.documents(records, dead);
        List<BulkWriter.Doc> traces = documents("{\"traceId\":\"t-9\",\"count\":3}");

        // Then only the whole, non-negative count is a version (OpenSearch keeps the highest); the others replace
        assertThat(dead).isEmpty();
        assertThat(findings).extracting(BulkWriter.Doc::version).containsExactly(7L, -1L, -1L, -1L, -1L);
        assertThat(traces).extracting(BulkWriter.Doc::version).containsExactly(-1L);
    }
}
