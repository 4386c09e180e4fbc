package io.thinkwatch.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.apache.hc.core5.http.HttpHost;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

import io.quarkus.test.junit.QuarkusTest;
import io.thinkwatch.platform.Topics;
import io.thinkwatch.search.StatsQuery;
import io.thinkwatch.search.StatsReport;
import io.thinkwatch.search.TraceQuery;
import io.thinkwatch.search.TraceResults;
import io.thinkwatch.search.TraceSearch;
import io.thinkwatch.search.TraceStats;
import io.thinkwatch.testing.TestTraces;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The index template, the bulk writer, search and stats against an OpenSearch 3.x node (3.3.2, started by
 * the build next to the 2.19 node the other tests use).
 */
@QuarkusTest
class OpenSearch3RoundTripIT {

    private static final String TENANT = TestTraces.tenant("os3");

    @Inject
    ObjectMapper mapper;

    private OpenSearchClient client;

    @BeforeEach
    void connect() {
        int port = Integer.parseInt(System.getProperty("it.opensearch3.port"));
        client = new OpenSearchClient(ApacheHttpClient5TransportBuilder.builder(new HttpHost("http", "127.0.0.1", port))
                .setMapper(new JacksonJsonpMapper(mapper))
                .build());
    }

    @AfterEach
    void close() throws Exception {
        client._transport().close();
    }

    @Test
    void tracesWrittenByTheIndexerAreSearchableOnOpenSearch3() throws Exception {
        // Given the node runs OpenSearch 3, and 30 traces in three hours, every third with a word in its prompt
        assertThat(client.info().version().number()).startsWith("3.");
        TraceIndices.installTemplate(client);
        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ObjectNode trace = TestTraces.trace(TENANT, TENANT + "-" + i, base.plus(i / 10, ChronoUnit.HOURS));
            trace.put("model", i % 2 == 0 ? "o3" : "o4-mini");
            trace.putObject("tags").put("team", "search").put("ticket", "T-" + i);
            if (i % 3 == 0) {
                ((ObjectNode) trace.at("/request/messages/0")).put("content", "find the lighthouse");
            }
            records.add(new ConsumerRecord<>(
                    Topics.TRACES, 0, i, trace.get("traceId").asText(), TestTraces.JSON.writeValueAsBytes(trace)));
        }

        // When the bulk writer indexes them
        BulkWriter writer = new BulkWriter(client, mapper, 1 << 20, 1000, Optional.empty());
        List<BulkWriter.DeadLetter> dead = new ArrayList<>();
        List<BulkWriter.Doc> docs = writer.documents(records, dead);
        writer.write(docs, dead);
        client.indices().refresh(r -> r.index(TraceIndices.ALIAS));

        // Then text, filters, pages and stats all answer as on 2.19
        assertThat(dead).isEmpty();
        assertThat(docs).isEmpty();
        TraceResults prompt = new TraceSearch(client)
                .search(
                        TENANT,
                        TraceQuery.parse(
                                Map.of("q", List.of("lighthouse"), "in", List.of("request"), "model", List.of("o3"))));
        assertThat(prompt.total()).isEqualTo(5);
        assertThat(prompt.items())
                .allSatisfy(t -> assertThat(t.has("requestText")).isFalse());
        TraceResults first = new TraceSearch(client).search(TENANT, TraceQuery.parse(Map.of("size", List.of("20"))));
        TraceResults second = new TraceSearch(client)
                .search(TENANT, TraceQuery.parse(Map.of("size", List.of("20"), "after", List.of(first.next()))));
        assertThat(first.items().size() + second.items().size()).isEqualTo(30);
        assertThat(second.next()).isNull();
        StatsReport stats = new TraceStats(client)
                .stats(
                        TENANT,
                        StatsQuery.parse(
                                Map.of(
                                        "groupBy",
                                        List.of("model"),
                                        "from",
                                        List.of(base.toString()),
                                        "to",
                                        List.of(base.plus(3, ChronoUnit.HOURS).toString())),
                                Instant.now()));
        assertThat(stats.total().count()).isEqualTo(30);
        assertThat(stats.total().reasoningTokens().sum()).isEqualTo(30_000);
        assertThat(stats.series()).extracting(p -> p.metrics().count()).containsExactly(10L, 10L, 10L);
        assertThat(stats.groups()).extracting(StatsReport.Group::key).containsExactlyInAnyOrder("o3", "o4-mini");
    }
}
