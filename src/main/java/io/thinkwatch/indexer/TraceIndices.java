package io.thinkwatch.indexer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/** Names of the trace indices and the index template that maps them. */
public final class TraceIndices {

    /** The alias every daily trace index joins; searches go through it. */
    public static final String ALIAS = "thinkwatch-traces";
    static final String TEMPLATE = "thinkwatch-traces";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    private TraceIndices() {
    }

    /** The daily index a trace started at {@code startedAt} belongs to. */
    static String indexFor(Instant startedAt) {
        return ALIAS + "-" + DAY.format(startedAt);
    }

    /** Installs or updates the index template; idempotent. */
    static void installTemplate(OpenSearchClient client) throws IOException {
        String body;
        try (InputStream in = TraceIndices.class.getResourceAsStream("/opensearch/traces-template.json")) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Response response = client.generic().execute(Requests.builder()
                .method("PUT").endpoint("/_index_template/" + TEMPLATE).json(body).build())) {
            if (response.getStatus() >= 300) {
                throw new IOException("OpenSearch refused the index template: HTTP " + response.getStatus() + " "
                        + response.getBody().map(b -> b.bodyAsString()).orElse(""));
            }
        }
    }
}
