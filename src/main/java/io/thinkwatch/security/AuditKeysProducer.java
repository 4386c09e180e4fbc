package io.thinkwatch.security;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;

/** The one {@link AuditKeys}; an instance running the console (which writes audit entries) refuses to start without. */
public class AuditKeysProducer {

    private static final Logger LOG = Logger.getLogger(AuditKeysProducer.class);

    static final String MISSING = AuditKeys.KEY + " is not set: audit entries are linked with it."
            + " Set it (or THINKWATCH_AUDIT_CHAIN_KEY) to base64 of 32 random bytes, e.g. `openssl rand -base64 32`,"
            + " keep it outside the database, and keep it as a previous key after a rotation"
            + " (docs/operations.md#audit-chain-keys)";

    @Produces
    @Singleton
    AuditKeys keys(AuditChainConfig config) {
        return AuditKeys.of(
                config.key().filter(k -> !k.isBlank()).orElseThrow(() -> new IllegalStateException(MISSING)),
                config.previousKeys().orElse(List.of()));
    }

    void check(@Observes StartupEvent event, Roles roles, AuditChainConfig config) {
        if (roles.has(Role.CONSOLE)) {
            AuditKeys keys = keys(config);
            LOG.infof(
                    "Audit entries are linked with key %s; keys known for verification: %s",
                    keys.current().id(), keys.ids());
        }
    }
}
