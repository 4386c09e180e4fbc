package io.thinkwatch.security;

/** Fired in the transaction that disables or enables a tenant, so capture hears of it as soon as it commits. */
public record TenantChanged(String tenant, boolean enabled) {}
