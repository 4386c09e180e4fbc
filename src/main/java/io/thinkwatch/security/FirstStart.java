package io.thinkwatch.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;

/**
 * On an empty database, creates the first admin, the platform administrator ({@code THINKWATCH_ADMIN_PASSWORD},
 * else a random password printed once), and its tenant; where {@code THINKWATCH_ADMIN_TOKEN} is set, a platform
 * administrator's API token with that value. The tenant is announced ({@link TenantCreated}), which installs the
 * default rules.
 */
@ApplicationScoped
public class FirstStart {

    private static final Logger LOG = Logger.getLogger(FirstStart.class);

    @ConfigProperty(name = "thinkwatch.admin.username", defaultValue = "admin")
    String username;

    @ConfigProperty(name = "thinkwatch.admin.password")
    Optional<String> password;

    @ConfigProperty(name = "thinkwatch.admin.token")
    Optional<String> token;

    @ConfigProperty(name = "thinkwatch.admin.tenant", defaultValue = "default")
    String tenant;

    @Inject
    UserService users;

    void onStart(@Observes StartupEvent event, Roles roles) {
        if (roles.has(Role.CONSOLE)) {
            ensureAdmin();
        }
    }

    @Transactional
    void ensureAdmin() {
        String secret = password.orElseGet(() -> ApiToken.newSecret().substring(3, 23));
        if (users.addFirstAdmin(tenant, username, secret)) {
            if (password.isPresent()) {
                LOG.infof("Created the first admin '%s' with the password from THINKWATCH_ADMIN_PASSWORD", username);
            } else {
                LOG.warnf(
                        "Created the first admin '%s' with the one-time password %s ; change it after login",
                        username, secret);
            }
        }
        if (Tenant.findById(tenant) == null) {
            Tenant first = new Tenant();
            first.name = tenant;
            first.displayName = tenant;
            first.createdAt = java.time.Instant.now();
            first.persist();
        }
        token.filter(t -> !t.isBlank()).ifPresent(t -> {
            Optional<ApiToken> installed = ApiToken.findByToken(t);
            if (installed.isEmpty()) {
                ApiToken.create(tenant, "THINKWATCH_ADMIN_TOKEN", UserRole.PLATFORM_ADMIN, t);
                LOG.info("Installed the platform administrator's API token from THINKWATCH_ADMIN_TOKEN");
            } else if (installed.get().role != UserRole.PLATFORM_ADMIN) {
                installed.get().role = UserRole.PLATFORM_ADMIN;
                LOG.info("The API token from THINKWATCH_ADMIN_TOKEN is now the platform administrator's");
            }
        });
    }
}
