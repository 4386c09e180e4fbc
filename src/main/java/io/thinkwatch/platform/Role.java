package io.thinkwatch.platform;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The parts of Thinkwatch one instance can run, chosen by {@code thinkwatch.roles}. */
public enum Role {
    CAPTURE,
    INDEXER,
    RULES,
    ALERTS,
    CONSOLE,
    MONITOR,
    SIMULATOR,
    /** Traces and findings sent on as OpenTelemetry spans (decision 0036). */
    EXPORT;

    /** Roles that need PostgreSQL; an instance without any of them opens no database connection. */
    static final Set<Role> NEEDS_DATABASE = EnumSet.of(RULES, ALERTS, CONSOLE, MONITOR);

    static Set<Role> parse(String csv) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String part : csv.split(",", -1)) {
            if (!part.isBlank()) {
                roles.add(of(part.trim()));
            }
        }
        return roles;
    }

    private static Role of(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown role '" + name + "' in thinkwatch.roles; known roles: "
                            + java.util.Arrays.stream(values())
                                    .map(r -> r.name().toLowerCase(Locale.ROOT))
                                    .toList(),
                    e);
        }
    }
}
