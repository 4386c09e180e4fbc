package io.thinkwatch.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

/**
 * A person back from the single sign-on provider: decides with {@link SsoMapping}, writes their user row (tenant
 * and role from the claims, no password) and audits the sign-in, or its refusal in the tenant the token named.
 * Logs user name, tenant and reason only, never the token or other claims.
 */
@ApplicationScoped
public class SsoSignIn {

    private static final Logger LOG = Logger.getLogger(SsoSignIn.class);

    private final SsoMapping mapping;
    private final AuditLog audit;

    public SsoSignIn(SsoConfig config, AuditLog audit) {
        this.mapping = new SsoMapping(config);
        this.audit = audit;
    }

    @Transactional
    public SsoDecision signIn(SsoClaims claims) {
        SsoDecision decision = mapping.decide(claims, SsoSignIn::tenantState);
        if (decision instanceof SsoDecision.SignedIn in) {
            decision = keep(in);
        }
        if (decision instanceof SsoDecision.SignedIn in) {
            LOG.infof(
                    "Console login of '%s' via single sign-on (tenant '%s', %s)",
                    in.username(), in.tenant(), in.role().wire());
            audit.recordAs(
                    in.tenant(),
                    in.username(),
                    "login",
                    "user",
                    in.username(),
                    AuditLog.detail("via", "sso", "role", in.role().wire()));
        } else if (decision instanceof SsoDecision.Refused refused) {
            LOG.infof(
                    "Console login via single sign-on refused for '%s' (tenant '%s'): %s",
                    refused.username(), claims.tenant(), refused.reason());
            if (refused.tenant() != null) {
                audit.recordAs(
                        refused.tenant(),
                        refused.username(),
                        "login.failed",
                        "user",
                        refused.username(),
                        AuditLog.detail("via", "sso", "reason", refused.reason()));
            }
        }
        return decision;
    }

    /** Writes the user row; a password account of that name is never taken over by a provider. */
    private static SsoDecision keep(SsoDecision.SignedIn in) {
        User user = User.findByUsername(in.username()).orElse(null);
        if (user != null && !user.sso) {
            return new SsoDecision.Refused(
                    in.username(),
                    in.tenant(),
                    "a password account named '" + in.username() + "' exists; sign in with its password instead");
        }
        if (user == null) {
            user = new User();
            user.username = in.username();
            user.sso = true;
        }
        user.tenant = in.tenant();
        user.role = in.role();
        user.persist();
        return in;
    }

    private static SsoMapping.TenantState tenantState(String name) {
        Tenant tenant = Tenant.findById(name);
        if (tenant == null) {
            return SsoMapping.TenantState.MISSING;
        }
        return tenant.enabled ? SsoMapping.TenantState.ENABLED : SsoMapping.TenantState.DISABLED;
    }
}
