package io.thinkwatch.security;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.apache.commons.lang3.StringUtils;

import io.thinkwatch.errors.Conflict;
import io.thinkwatch.errors.Invalid;
import io.thinkwatch.errors.NotFound;

/**
 * Tenants, as a platform administrator makes and changes them: each new tenant gets its first admin and the default
 * rules; a disabled tenant's people cannot sign in, its tokens and capture keys stop working, its data stays.
 */
@ApplicationScoped
public class TenantService {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final UserService users;
    private final AuditLog audit;
    private final Event<TenantCreated> created;
    private final Event<TenantChanged> changed;

    public TenantService(
            UserService users, AuditLog audit, Event<TenantCreated> created, Event<TenantChanged> changed) {
        this.users = users;
        this.audit = audit;
        this.created = created;
        this.changed = changed;
    }

    @Transactional
    public List<TenantView> list() {
        return Tenant.<Tenant>listAll(io.quarkus.panache.common.Sort.by("name")).stream()
                .map(TenantView::of)
                .toList();
    }

    @Transactional
    public TenantView find(String name) {
        return TenantView.of(tenant(name));
    }

    /** A new tenant with its first admin. */
    @Transactional
    public TenantView create(Caller by, TenantRequest request) {
        String name = StringUtils.strip(request == null ? null : request.name());
        String displayName = StringUtils.stripToNull(request == null ? null : request.displayName());
        TenantRequest.FirstAdmin admin = request == null ? null : request.admin();
        List<String> problems = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add("name: 1 to 63 lower-case letters, digits or dashes, starting with a letter or digit");
        }
        if (displayName != null && displayName.length() > 200) {
            problems.add("displayName: at most 200 characters");
        }
        if (admin == null) {
            problems.add("admin: required, the tenant's first admin {username, password}");
        } else {
            problems.addAll(UserService.problems(admin.username(), admin.password()));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("the tenant is not valid", problems);
        }
        if (Tenant.findById(name) != null) {
            throw new Conflict(
                    "a tenant named '" + name + "' exists already", List.of("name: '" + name + "' is taken"));
        }
        Tenant tenant = new Tenant();
        tenant.name = name;
        tenant.displayName = displayName == null ? name : displayName;
        tenant.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        tenant.persist();
        audit.record(name, "tenant.create", "tenant", name, AuditLog.detail("displayName", tenant.displayName));
        users.addAdminOf(by, name, admin.username(), admin.password());
        created.fire(new TenantCreated(name));
        return TenantView.of(tenant);
    }

    /** Renames (the display name) or disables and enables a tenant; fields left out keep their value. */
    @Transactional
    public TenantView update(Caller by, String name, TenantRequest request) {
        Tenant tenant = tenant(name);
        String displayName = StringUtils.stripToNull(request == null ? null : request.displayName());
        if (displayName != null && displayName.length() > 200) {
            throw Invalid.of("displayName: at most 200 characters");
        }
        if (displayName != null && !displayName.equals(tenant.displayName)) {
            audit.record(
                    name,
                    "tenant.rename",
                    "tenant",
                    name,
                    AuditLog.detail("from", tenant.displayName, "to", displayName));
            tenant.displayName = displayName;
        }
        Boolean enabled = request == null ? null : request.enabled();
        if (enabled != null && enabled != tenant.enabled) {
            if (!enabled && name.equals(by.tenant())) {
                throw new Conflict(
                        "a platform administrator cannot disable their own tenant",
                        List.of("enabled: '" + name + "' is the tenant you sign in to"));
            }
            tenant.enabled = enabled;
            tenant.published = false;
            audit.record(name, enabled ? "tenant.enable" : "tenant.disable", "tenant", name, AuditLog.detail());
            changed.fire(new TenantChanged(name, enabled));
        }
        return TenantView.of(tenant);
    }

    /** Adds an admin to a tenant (its first one, or another when all of them left). */
    @Transactional
    public void addAdmin(Caller by, String name, TenantRequest.FirstAdmin admin) {
        tenant(name);
        List<String> problems = admin == null
                ? List.of("username: required", "password: required")
                : UserService.problems(admin.username(), admin.password());
        if (!problems.isEmpty()) {
            throw new Invalid("the admin is not valid", problems);
        }
        users.addAdminOf(by, name, admin.username(), admin.password());
    }

    private static Tenant tenant(String name) {
        Tenant tenant = Tenant.findById(name);
        if (tenant == null) {
            throw new NotFound("tenant " + name);
        }
        return tenant;
    }
}
