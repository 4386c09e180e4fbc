package io.thinkwatch.security;

import java.util.Set;

import io.thinkwatch.model.WireName;

/**
 * Console roles; each includes the rights of the ones before it. A platform administrator is an admin of their own
 * tenant who also creates and disables tenants; no tenant admin can grant that role.
 */
public enum UserRole implements WireName {
    VIEWER,
    REVIEWER,
    ADMIN,
    PLATFORM_ADMIN;

    public static final String VIEWER_NAME = "viewer";
    public static final String REVIEWER_NAME = "reviewer";
    public static final String ADMIN_NAME = "admin";
    public static final String PLATFORM_ADMIN_NAME = "platform_admin";

    @Override
    public String wire() {
        return WireName.super.wire();
    }

    /** The role with this wire name, or null. */
    public static UserRole fromWire(String value) {
        return WireName.find(UserRole.class, value);
    }

    /** Whether a tenant admin may give this role to a user of their tenant. */
    public boolean grantableByTenantAdmin() {
        return this != PLATFORM_ADMIN;
    }

    /** The security role names this role grants, its own and those it includes. */
    public Set<String> grants() {
        return switch (this) {
            case VIEWER -> Set.of(VIEWER_NAME);
            case REVIEWER -> Set.of(VIEWER_NAME, REVIEWER_NAME);
            case ADMIN -> Set.of(VIEWER_NAME, REVIEWER_NAME, ADMIN_NAME);
            case PLATFORM_ADMIN -> Set.of(VIEWER_NAME, REVIEWER_NAME, ADMIN_NAME, PLATFORM_ADMIN_NAME);
        };
    }
}
