package io.thinkwatch.security;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.thinkwatch.errors.Conflict;
import io.thinkwatch.errors.Invalid;

/** The users of a tenant: listed without their password hashes, added with a role, every addition audited. */
@ApplicationScoped
public class UserService {

    private static final Logger LOG = Logger.getLogger(UserService.class);

    /** Shortest password a person may choose. */
    public static final int MIN_PASSWORD = 12;

    /** What a user name may hold. */
    public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

    /** A user as listed: no password hash leaves this class. */
    public record UserView(String username, String role, Instant createdAt) {}

    private final AuditLog audit;
    private final Event<TenantCreated> tenantCreated;

    public UserService(AuditLog audit, Event<TenantCreated> tenantCreated) {
        this.audit = audit;
        this.tenantCreated = tenantCreated;
    }

    /** The tenant's users by name. */
    @Transactional
    public List<UserView> list(String tenant) {
        List<User> users = User.list("tenant = ?1 order by username", tenant);
        return users.stream()
                .map(u -> new UserView(u.username, u.role.wire(), u.createdAt))
                .toList();
    }

    /** The names findings can be assigned to: the tenant's reviewers and admins. */
    @Transactional
    public List<String> assignees(String tenant) {
        List<User> users = User.list(
                "tenant = ?1 and role in ?2 order by username",
                tenant,
                List.of(UserRole.REVIEWER, UserRole.ADMIN, UserRole.PLATFORM_ADMIN));
        return users.stream().map(u -> u.username).toList();
    }

    /** Adds a user after checking the name and password ({@link Invalid} naming each problem). */
    @Transactional
    public void addChecked(Caller by, String username, String password, UserRole role) {
        List<String> problems = problems(username, password);
        if (!problems.isEmpty()) {
            throw new Invalid("the user is not valid", problems);
        }
        add(by, username, password, role);
    }

    /** A user of the caller's tenant gets another role; a tenant admin cannot give or take platform administration. */
    @Transactional
    public UserView changeRole(Caller by, String username, UserRole role) {
        User user = ofTenant(by, username);
        if (role == null || !role.grantableByTenantAdmin() || !user.role.grantableByTenantAdmin()) {
            throw Invalid.of("role: one of viewer, reviewer, admin (platform administration is not given here)");
        }
        if (user.username.equals(by.name()) && role != user.role) {
            throw new Conflict("you cannot change your own role", List.of("username: that is you"));
        }
        if (role != user.role) {
            audit.record(
                    by.tenant(),
                    "user.role",
                    "user",
                    username,
                    AuditLog.detail("from", user.role.wire(), "to", role.wire()));
            user.role = role;
        }
        return new UserView(user.username, user.role.wire(), user.createdAt);
    }

    /** Removes a user of the caller's tenant: they cannot sign in any more (their session ends with it). */
    @Transactional
    public void remove(Caller by, String username) {
        User user = ofTenant(by, username);
        if (user.username.equals(by.name())) {
            throw new Conflict("you cannot remove yourself", List.of("username: that is you"));
        }
        if (!user.role.grantableByTenantAdmin()) {
            throw new Conflict(
                    "the platform administrator is not removed here", List.of("username: platform administrator"));
        }
        user.delete();
        audit.record(by.tenant(), "user.remove", "user", username, AuditLog.detail("role", user.role.wire()));
    }

    private static User ofTenant(Caller by, String username) {
        return User.findByUsername(username)
                .filter(u -> u.tenant.equals(by.tenant()))
                .orElseThrow(() -> new io.thinkwatch.errors.NotFound("user " + username));
    }

    /** What is wrong with a new user's name and password, as {@code field: reason}; empty when they are fine. */
    static List<String> problems(String username, String password) {
        List<String> problems = new java.util.ArrayList<>();
        if (username == null || !USERNAME.matcher(username).matches()) {
            problems.add("username: 1 to 100 letters, digits, or . _ @ -");
        }
        if (password == null || password.length() < MIN_PASSWORD || password.length() > 200) {
            problems.add("password: at least " + MIN_PASSWORD + " characters (at most 200)");
        }
        return problems;
    }

    /** Adds an admin to {@code tenant}, by a platform administrator; a name in use anywhere is a {@link Conflict}. */
    @Transactional
    public void addAdminOf(Caller by, String tenant, String username, String password) {
        if (User.findByUsername(username).isPresent()) {
            throw new Conflict(
                    "a user named '" + username + "' exists already", List.of("username: '" + username + "' is taken"));
        }
        create(tenant, by.name(), username, password, UserRole.ADMIN, AuditLog.detail("role", UserRole.ADMIN_NAME));
        LOG.infof("Platform administrator '%s' added the admin '%s' to tenant '%s'", by.name(), username, tenant);
    }

    /**
     * Adds a user to the caller's tenant; a name already used in any tenant is a {@link Conflict} (a user name
     * alone signs in).
     */
    @Transactional
    public void add(Caller by, String username, String password, UserRole role) {
        if (User.findByUsername(username).isPresent()) {
            throw new Conflict(
                    "a user named '" + username + "' exists already", List.of("username: '" + username + "' is taken"));
        }
        create(by.tenant(), by.name(), username, password, role, AuditLog.detail("role", role.wire()));
        LOG.infof("Admin '%s' added the %s '%s'", by.name(), role.wire(), username);
    }

    /**
     * On an empty database, adds the first admin of {@code tenant} and announces the tenant ({@link TenantCreated});
     * false, and nothing changed, when any user exists.
     */
    @Transactional
    public boolean addFirstAdmin(String tenant, String username, String password) {
        if (User.count() > 0) {
            return false;
        }
        create(
                tenant,
                AuditLog.SYSTEM,
                username,
                password,
                UserRole.PLATFORM_ADMIN,
                AuditLog.detail("role", UserRole.PLATFORM_ADMIN_NAME, "via", "first start"));
        tenantCreated.fire(new TenantCreated(tenant));
        return true;
    }

    private void create(
            String tenant, String actor, String username, String password, UserRole role, Map<String, Object> detail) {
        User.create(tenant, username, password, role);
        audit.recordAs(tenant, actor, "user.create", "user", username, detail);
    }
}
