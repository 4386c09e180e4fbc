package io.thinkwatch.security;

/**
 * {@code POST /api/v1/tenants}: the tenant's name (lower-case letters, digits and dashes; it never changes), the
 * name people see, and its first admin; {@code PUT} takes {@code displayName} and {@code enabled} alone.
 */
public record TenantRequest(String name, String displayName, Boolean enabled, FirstAdmin admin) {

    /** The tenant's first admin, who then manages its users, keys and settings. */
    public record FirstAdmin(String username, String password) {}
}
