package io.thinkwatch.platform;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.common.annotation.Identifier;

/**
 * Kafka readiness for the roles that cannot work without it (indexer, rules, alerts, console's review
 * intake). Replaces the Kafka extension's check, which cannot be switched by role: an instance running only
 * capture (a sidecar) stays ready while Kafka is away, since it spools traces (see CaptureHealth).
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

    private static final Set<Role> WITHOUT_KAFKA = EnumSet.of(Role.CAPTURE, Role.SIMULATOR);

    private final Roles roles;
    private final Map<String, Object> kafka;
    private Admin admin;

    public KafkaReadiness(Roles roles, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.roles = roles;
        this.kafka = kafka;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("kafka");
        if (WITHOUT_KAFKA.containsAll(roles.active())) {
            return response.up()
                    .withData("needed", "no: capture spools while Kafka is away")
                    .build();
        }
        try {
            String cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs(3_000))
                    .clusterId()
                    .get(4, TimeUnit.SECONDS);
            return response.up().withData("clusterId", cluster).build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return response.down().withData("error", e.toString()).build();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new java.util.HashMap<>(kafka);
            config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "thinkwatch-health");
            admin = Admin.create(config);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(5));
        }
    }
}
