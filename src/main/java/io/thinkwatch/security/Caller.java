package io.thinkwatch.security;

import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling the console API, and the tenant every read of theirs is filtered by. */
public record Caller(String name, String tenant) {

    static final String TENANT_ATTRIBUTE = "thinkwatch.tenant";

    public static Caller of(SecurityIdentity identity) {
        String tenant = identity.getAttribute(TENANT_ATTRIBUTE);
        if (tenant == null) {
            throw new IllegalStateException(
                    "identity without tenant: " + identity.getPrincipal().getName());
        }
        return new Caller(identity.getPrincipal().getName(), tenant);
    }
}
