package io.thinkwatch.platform;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.Timeout;
import org.jboss.logging.Logger;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one OpenSearch client of the process. {@code @Singleton} because the client cannot be proxied; it
 * is built on first use, so an instance whose roles never touch OpenSearch never connects.
 */
public class OpenSearchClientProducer {

    private static final Logger LOG = Logger.getLogger(OpenSearchClientProducer.class);

    @Produces
    @Singleton
    OpenSearchClient client(OpenSearchConfig config, TlsConfigurationRegistry tlsRegistry, ObjectMapper mapper) {
        HttpHost[] hosts = hosts(config.url());
        ApacheHttpClient5TransportBuilder builder =
                ApacheHttpClient5TransportBuilder.builder(hosts).setMapper(new JacksonJsonpMapper(mapper));
        config.username()
                .ifPresent(user -> builder.setDefaultHeaders(
                        new Header[] {basicAuthorization(user, config.password().orElse(""))}));
        config.tlsConfigurationName().ifPresent(name -> {
            TlsConfiguration tls = tlsRegistry
                    .get(name)
                    .orElseThrow(() -> new IllegalStateException("thinkwatch.opensearch.tls-configuration-name is "
                            + name + ", but there is no quarkus.tls." + name + ".* configuration"));
            builder.setHttpClientConfigCallback(client ->
                    client.setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                            .setMaxConnPerRoute(ApacheHttpClient5TransportBuilder.DEFAULT_MAX_CONN_PER_ROUTE)
                            .setMaxConnTotal(ApacheHttpClient5TransportBuilder.DEFAULT_MAX_CONN_TOTAL)
                            .setDefaultConnectionConfig(ConnectionConfig.custom()
                                    .setConnectTimeout(Timeout.ofMilliseconds(
                                            ApacheHttpClient5TransportBuilder.DEFAULT_CONNECT_TIMEOUT_MILLIS))
                                    .setSocketTimeout(Timeout.ofMilliseconds(
                                            ApacheHttpClient5TransportBuilder.DEFAULT_RESPONSE_TIMEOUT_MILLIS))
                                    .build())
                            .setTlsStrategy(tlsStrategy(name, tls))
                            .build()));
        });
        LOG.infof(
                "OpenSearch client for %s%s%s",
                config.url(),
                config.username().map(user -> ", user " + user).orElse(""),
                config.tlsConfigurationName()
                        .map(name -> ", TLS configuration " + name)
                        .orElse(""));
        return new OpenSearchClient(builder.build());
    }

    private static HttpHost[] hosts(List<URI> urls) {
        return urls.stream()
                .map(url -> new HttpHost(url.getScheme(), url.getHost(), url.getPort()))
                .toArray(HttpHost[]::new);
    }

    /** Preemptive: the security plugin would otherwise answer each new connection's first request with a 401. */
    static Header basicAuthorization(String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new BasicHeader(HttpHeaders.AUTHORIZATION, "Basic " + token);
    }

    private static org.apache.hc.core5.http.nio.ssl.TlsStrategy tlsStrategy(String name, TlsConfiguration tls) {
        SSLContext context;
        try {
            context = tls.createSSLContext();
        } catch (Exception e) {
            throw new IllegalStateException("TLS configuration " + name + " for OpenSearch: " + e.getMessage(), e);
        }
        ClientTlsStrategyBuilder strategy = ClientTlsStrategyBuilder.create().setSslContext(context);
        if (tls.isTrustAll()
                || tls.getHostnameVerificationAlgorithm().filter("NONE"::equals).isPresent()) {
            strategy.setHostnameVerifier(NoopHostnameVerifier.INSTANCE);
        }
        return strategy.build();
    }

    void close(@Disposes OpenSearchClient client) throws IOException {
        client._transport().close();
    }
}
