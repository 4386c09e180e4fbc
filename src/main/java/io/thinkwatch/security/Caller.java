package io.thinkwatch.security;

import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling the console API, and the tenant every read of theirs is filtered by. */
public record Caller(String name, String tenant) {

    static final String TENANT_ATTRIBUTE = "thinkwatch.tenant";

    /**
     * Whether the identity is a console person with a tenant; false for anonymous and for the provider's identity on
     * {@code /sso} before it became a console session.
     */
    public static boolean hasTenant(SecurityIdentity identity) {
        return !identity.isAnonymous() && identity.getAttribute(TENANT_ATTRIBUTE) != null;
    }

    public static Caller of(SecurityIdentity identity) {
        String tenant = identity.getAttribute(TENANT_ATTRIBUTE);
        if (tenant == null) {
            throw new IllegalStateException(
                    "identity without tenant: " + identity.getPrincipal().getName());
        }
        return new Caller(identity.getPrincipal().getName(), tenant);
    }
}
