package io.thinkwatch.security;

import java.time.Instant;

/** A tenant as {@code /api/v1/tenants} shows it. */
public record TenantView(String name, String displayName, boolean enabled, Instant createdAt) {

    static TenantView of(Tenant tenant) {
        return new TenantView(tenant.name, tenant.displayName, tenant.enabled, tenant.createdAt);
    }
}
