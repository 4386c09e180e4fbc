package io.thinkwatch.security;

import java.util.Locale;
import java.util.Set;

/** Console roles; each includes the rights of the ones before it. */
public enum UserRole {
    VIEWER,
    REVIEWER,
    ADMIN;

    public static final String VIEWER_NAME = "viewer";
    public static final String REVIEWER_NAME = "reviewer";
    public static final String ADMIN_NAME = "admin";

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static UserRole fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The security role names this role grants, its own and those it includes. */
    public Set<String> grants() {
        return switch (this) {
            case VIEWER -> Set.of(VIEWER_NAME);
            case REVIEWER -> Set.of(VIEWER_NAME, REVIEWER_NAME);
            case ADMIN -> Set.of(VIEWER_NAME, REVIEWER_NAME, ADMIN_NAME);
        };
    }
}
