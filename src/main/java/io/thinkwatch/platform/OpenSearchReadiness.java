package io.thinkwatch.platform;

import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.cluster.HealthResponse;

/**
 * OpenSearch readiness for the roles that read or write it (indexer, console): DOWN with one line saying why (a
 * wrong password, an untrusted certificate, an unreachable node). Other roles never build the client.
 */
@Readiness
@ApplicationScoped
public class OpenSearchReadiness implements HealthCheck {

    private static final Set<Role> USING_OPENSEARCH = EnumSet.of(Role.INDEXER, Role.CONSOLE);

    private final Roles roles;
    private final OpenSearchConfig config;
    private final Instance<OpenSearchClient> client;

    public OpenSearchReadiness(Roles roles, OpenSearchConfig config, Instance<OpenSearchClient> client) {
        this.roles = roles;
        this.config = config;
        this.client = client;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("opensearch");
        if (roles.active().stream().noneMatch(USING_OPENSEARCH::contains)) {
            return response.up().withData("needed", "no").build();
        }
        try {
            HealthResponse health = client.get().cluster().health();
            return response.up()
                    .withData("cluster", health.clusterName())
                    .withData("status", health.status().jsonValue())
                    .build();
        } catch (Exception e) {
            return response.down()
                    .withData("error", OpenSearchFailure.describe(e, config.username()))
                    .build();
        }
    }
}
