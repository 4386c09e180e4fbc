package io.thinkwatch.platform;

import java.io.IOException;
import java.net.URI;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.hc.core5.http.HttpHost;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one OpenSearch client of the process. {@code @Singleton} because the client cannot be proxied; it
 * is built on first use, so an instance whose roles never touch OpenSearch never connects.
 */
public class OpenSearchClientProducer {

    private static final Logger LOG = Logger.getLogger(OpenSearchClientProducer.class);

    @Produces
    @Singleton
    OpenSearchClient client(@ConfigProperty(name = "thinkwatch.opensearch.url") URI url, ObjectMapper mapper) {
        HttpHost host = new HttpHost(url.getScheme(), url.getHost(), url.getPort());
        LOG.infof("OpenSearch client for %s", url);
        return new OpenSearchClient(ApacheHttpClient5TransportBuilder.builder(host)
                .setMapper(new JacksonJsonpMapper(mapper))
                .build());
    }

    void close(@Disposes OpenSearchClient client) throws IOException {
        client._transport().close();
    }
}
