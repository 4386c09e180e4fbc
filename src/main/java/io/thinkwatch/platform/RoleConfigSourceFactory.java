package io.thinkwatch.platform;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Turns the database off when no active role needs it, so a capture-only sidecar needs Kafka alone.
 * Its ordinal is below application.properties, so an explicit setting still wins.
 */
public class RoleConfigSourceFactory implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue roles = context.getValue("thinkwatch.roles");
        if (roles == null || roles.getValue() == null) {
            return List.of();
        }
        boolean database = Role.parse(roles.getValue()).stream().anyMatch(Role.NEEDS_DATABASE::contains);
        String active = Boolean.toString(database);
        return List.of(
                new MapBackedConfigSource(
                        "thinkwatch-roles",
                        Map.of(
                                "quarkus.datasource.active", active,
                                "quarkus.hibernate-orm.active", active,
                                "quarkus.flyway.active", active),
                        50) {});
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(50);
    }
}
