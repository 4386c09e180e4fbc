package io.thinkwatch.alerts;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;

/** The one {@link SecretBox}; an instance that manages or sends to channels refuses to start without a key. */
public class SecretBoxProducer {

    static final String MISSING = "thinkwatch.alerts.secret-key is not set: channel secrets are encrypted with it."
            + " Set it (or THINKWATCH_ALERTS_SECRET_KEY) to base64 of 32 random bytes, e.g. `openssl rand -base64 32`,"
            + " and keep it: secrets stored with one key cannot be read with another";

    @Produces
    @Singleton
    SecretBox box(AlertsConfig config) {
        return SecretBox.fromBase64(config.secretKey().orElseThrow(() -> new IllegalStateException(MISSING)));
    }

    void check(@Observes StartupEvent event, Roles roles, AlertsConfig config) {
        if (roles.has(Role.CONSOLE) || roles.has(Role.ALERTS)) {
            SecretBox.fromBase64(
                    config.secretKey().filter(k -> !k.isBlank()).orElseThrow(() -> new IllegalStateException(MISSING)));
        }
    }
}
