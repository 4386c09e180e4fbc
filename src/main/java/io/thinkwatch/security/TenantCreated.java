package io.thinkwatch.security;

/** Fired (synchronously, in the creating transaction) when a tenant gets its first admin. */
public record TenantCreated(String tenant) {}
