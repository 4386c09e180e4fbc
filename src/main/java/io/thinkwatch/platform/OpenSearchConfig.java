package io.thinkwatch.platform;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** How the OpenSearch client reaches the cluster ({@code thinkwatch.opensearch.*}). */
@ConfigMapping(prefix = "thinkwatch.opensearch")
public interface OpenSearchConfig {

    /**
     * The cluster's address: one URL (a load balancer or a Kubernetes Service), or the URLs of several nodes separated
     * by commas, which the client takes turns with, leaving a node that failed aside for a while.
     */
    List<URI> url();

    /** User for HTTP basic authentication on every request (the security plugin's internal users); unset sends none. */
    Optional<String> username();

    /** The user's password ({@code THINKWATCH_OPENSEARCH_PASSWORD}, from a Secret). */
    Optional<String> password();

    /**
     * Name of a Quarkus TLS configuration ({@code quarkus.tls.<name>.*}) for {@code https} URLs: the CA certificates to
     * trust ({@code trust-store}) and, for client certificate authentication, the key and certificate
     * ({@code key-store}). Unset: the JVM's trust store and no client certificate.
     */
    Optional<String> tlsConfigurationName();
}
