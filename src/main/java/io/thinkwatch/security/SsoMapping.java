package io.thinkwatch.security;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns the claims of a single sign-on into a console user, or a refusal that says why: the token must name a user
 * and an existing, enabled tenant, and give a known role (its role claim, else the tenant's group mapping). Platform
 * administrator is given only when {@link SsoConfig#allowPlatformAdmin()} says so. Pure: no database, no server.
 */
public final class SsoMapping {

    /** What the tenant a token names is. */
    public enum TenantState {
        MISSING,
        DISABLED,
        ENABLED
    }

    private final SsoConfig config;

    public SsoMapping(SsoConfig config) {
        this.config = config;
    }

    public SsoDecision decide(SsoClaims claims, Function<String, TenantState> tenants) {
        String username = claims.username();
        if (username == null || !UserService.USERNAME.matcher(username).matches()) {
            return new SsoDecision.Refused(
                    null,
                    null,
                    "the provider's token names no usable user (claim '" + config.usernameClaim()
                            + "': 1 to 100 letters, digits, or . _ @ -)");
        }
        String tenant = claims.tenant();
        if (tenant == null) {
            return new SsoDecision.Refused(
                    username, null, "the provider's token names no tenant (claim '" + config.tenantClaim() + "')");
        }
        TenantState state = tenants.apply(tenant);
        if (state == TenantState.MISSING) {
            return new SsoDecision.Refused(username, null, "there is no tenant '" + tenant + "'");
        }
        if (state == TenantState.DISABLED) {
            return new SsoDecision.Refused(username, tenant, "the tenant '" + tenant + "' is disabled");
        }
        return role(claims, tenant)
                .<SsoDecision>map(role -> granted(username, tenant, role))
                .orElseGet(() -> new SsoDecision.Refused(username, tenant, noRole(claims, tenant)));
    }

    private SsoDecision granted(String username, String tenant, UserRole role) {
        if (role == UserRole.PLATFORM_ADMIN && !config.allowPlatformAdmin()) {
            return new SsoDecision.Refused(
                    username, tenant, "the role platform_admin is not given through single sign-on");
        }
        return new SsoDecision.SignedIn(username, tenant, role);
    }

    /** The role claim when present (empty when unknown), else the highest role the tenant gives the person's groups. */
    private Optional<UserRole> role(SsoClaims claims, String tenant) {
        if (claims.role() != null) {
            return Optional.ofNullable(UserRole.fromWire(claims.role()));
        }
        Map<String, String> groups = config.groupRoles().getOrDefault(tenant, Map.of());
        return claims.groups().stream()
                .map(groups::get)
                .map(name -> name == null ? null : UserRole.fromWire(name))
                .filter(role -> role != null)
                .max(Comparator.naturalOrder());
    }

    private String noRole(SsoClaims claims, String tenant) {
        if (claims.role() != null) {
            return "the role '" + claims.role() + "' is unknown (viewer, reviewer or admin)";
        }
        if (config.groupRoles().containsKey(tenant)) {
            return "none of your groups has a role in the tenant '" + tenant + "'";
        }
        return "the provider's token gives no role (claim '" + config.roleClaim() + "')";
    }
}
