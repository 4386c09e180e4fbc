package io.thinkwatch.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.hc.core5.http.HttpHost;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

import io.thinkwatch.platform.OpenSearchFailure;
import io.thinkwatch.platform.Topics;
import io.thinkwatch.testing.TestTraces;

import com.sun.net.httpserver.HttpServer;

/**
 * A bulk request refused as a whole after start-up (a password changed, a role taken away): the failure says what to
 * fix in the one line the start-up check gives, and no document counts as written.
 */
class BulkWriterRefusedTest {

    private HttpServer server;
    private OpenSearchClient client;

    /** An HTTP server answering every request with {@code status} and OpenSearch's error body. */
    private BulkWriter writerAgainst(int status, Optional<String> user) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("{\"error\":{\"type\":\"security_exception\",\"reason\":\"refused\"},\"status\":" + status
                            + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        client = new OpenSearchClient(ApacheHttpClient5TransportBuilder.builder(
                        new HttpHost("http", "127.0.0.1", server.getAddress().getPort()))
                .setMapper(new JacksonJsonpMapper(TestTraces.JSON))
                .build());
        return new BulkWriter(client, TestTraces.JSON, 1 << 20, 1000, user);
    }

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client._transport().close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    private static List<BulkWriter.Doc> twoTraces(BulkWriter writer) throws IOException {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            records.add(new ConsumerRecord<>(
                    Topics.TRACES,
                    0,
                    i,
                    "t-" + i,
                    TestTraces.JSON.writeValueAsBytes(TestTraces.trace("refused", "t-" + i, Instant.now()))));
        }
        return new ArrayList<>(writer.documents(records, new ArrayList<>()));
    }

    @Test
    void credentialsRefusedAfterStartUpSayWhichSettingsToCheck() throws IOException {
        // Given OpenSearch refusing the configured user's credentials
        BulkWriter writer = writerAgainst(401, Optional.of("thinkwatch"));
        List<BulkWriter.Doc> pending = twoTraces(writer);

        // When two traces are written
        OpenSearchFailure.Refused failure =
                catchThrowableOfType(OpenSearchFailure.Refused.class, () -> writer.write(pending, new ArrayList<>()));

        // Then the failure is the start-up check's line, and both traces are still to be written
        assertThat(failure.getMessage())
                .isEqualTo("OpenSearch refused the credentials of user 'thinkwatch' (401):"
                        + " check thinkwatch.opensearch.username and .password");
        assertThat(failure.status()).isEqualTo(401);
        assertThat(pending).hasSize(2);
    }

    @Test
    void aRoleTakenAwaySaysTheUserNeedsOne() throws IOException {
        // Given OpenSearch denying the user access to the indices
        BulkWriter writer = writerAgainst(403, Optional.of("thinkwatch"));
        List<BulkWriter.Doc> pending = twoTraces(writer);

        // When two traces are written
        OpenSearchFailure.Refused failure =
                catchThrowableOfType(OpenSearchFailure.Refused.class, () -> writer.write(pending, new ArrayList<>()));

        // Then
        assertThat(failure.getMessage()).startsWith("OpenSearch denied user 'thinkwatch' (403)");
        assertThat(pending).hasSize(2);
    }

    @Test
    void anOverloadedClusterKeepsItsOwnAnswer() throws IOException {
        // Given OpenSearch answering the bulk request 503
        BulkWriter writer = writerAgainst(503, Optional.of("thinkwatch"));
        List<BulkWriter.Doc> pending = twoTraces(writer);

        // When two traces are written
        IOException failure = catchThrowableOfType(IOException.class, () -> writer.write(pending, new ArrayList<>()));

        // Then it is the client's failure, with the status (retried as any other)
        assertThat(failure).isNotInstanceOf(OpenSearchFailure.Refused.class);
        assertThat(failure.getMessage()).contains("503");
        assertThat(pending).hasSize(2);
    }
}
