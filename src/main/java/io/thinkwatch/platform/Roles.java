package io.thinkwatch.platform;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The roles this instance runs. */
@ApplicationScoped
public class Roles {

    private final Set<Role> active;

    public Roles(@ConfigProperty(name = "thinkwatch.roles") String roles) {
        this.active = Set.copyOf(Role.parse(roles));
    }

    public boolean has(Role role) {
        return active.contains(role);
    }

    public Set<Role> active() {
        return active;
    }
}
