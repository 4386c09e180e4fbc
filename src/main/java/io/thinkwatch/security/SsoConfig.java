package io.thinkwatch.security;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Console single sign-on through OpenID Connect (docs/operations.md#single-sign-on). The provider itself is set
 * with {@code quarkus.oidc.auth-server-url}, {@code client-id} and {@code credentials.secret}; this says how the
 * claims of its ID token become a Thinkwatch user.
 */
@ConfigMapping(prefix = "thinkwatch.console.sso")
public interface SsoConfig {

    /** Whether the login page offers "Sign in with single sign-on"; also turns on the OIDC tenant and {@code /sso}. */
    @WithDefault("false")
    boolean enabled();

    /** The claim holding the person's console user name. */
    @WithDefault("preferred_username")
    String usernameClaim();

    /** The claim naming their tenant. */
    @WithDefault("thinkwatch_tenant")
    String tenantClaim();

    /** The claim holding their role: viewer, reviewer or admin. */
    @WithDefault("thinkwatch_role")
    String roleClaim();

    /** The claim listing their groups, read through {@link #groupRoles()} when the token has no role claim. */
    @WithDefault("groups")
    String groupsClaim();

    /**
     * Per tenant, the role each group gives ({@code thinkwatch.console.sso.group-roles.<tenant>."<group>"=reviewer});
     * a person in several groups gets the highest of their roles.
     */
    Map<String, Map<String, String>> groupRoles();

    /** Whether a claim or a group may make someone a platform administrator; off, only a password account is one. */
    @WithDefault("false")
    boolean allowPlatformAdmin();
}
