package io.thinkwatch.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Checks a console login (the form posted to {@code /j_security_check}) against the user's bcrypt hash. The
 * login form must carry the CSRF token of its page, so another site cannot sign a browser in as someone else.
 */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(PasswordIdentityProvider.class);

    /** Compared against when the user does not exist, so a wrong name costs as long as a wrong password. */
    private static final String UNKNOWN_USER_HASH = BcryptUtil.bcryptHash("no such user, no such password");

    private final LoginFormCsrf csrf;
    private final AuditLog audit;
    private final LoginThrottle throttle;

    public PasswordIdentityProvider(LoginFormCsrf csrf, AuditLog audit, LoginThrottle throttle) {
        this.csrf = csrf;
        this.audit = audit;
        this.throttle = throttle;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (http != null && !csrf.accepts(http)) {
            LOG.infof("Console login refused: the form carried no valid CSRF token (user '%s')", request.getUsername());
            return Uni.createFrom().failure(new AuthenticationFailedException("login form without a valid CSRF token"));
        }
        String username = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        String source = http == null ? null : http.request().remoteAddress().hostAddress();
        Optional<java.time.Duration> wait = throttle.waitFor(username, source);
        if (wait.isPresent()) {
            LOG.debugf(
                    "Console login of '%s' refused unchecked: too many failures, next try in %s", username, wait.get());
            return Uni.createFrom().failure(new AuthenticationFailedException("too many failed sign-ins; wait"));
        }
        return context.runBlocking(() -> {
            Optional<User> user = QuarkusTransaction.requiringNew().call(() -> User.findByUsername(username));
            boolean matches =
                    BcryptUtil.matches(password, user.map(u -> u.passwordHash).orElse(UNKNOWN_USER_HASH));
            if (user.isEmpty() || !matches) {
                LOG.infof("Console login failed for '%s'", username);
                if (throttle.failed(username, source)) {
                    LOG.warnf(
                            "Console logins for '%s' or from %s now wait between tries: too many failures",
                            username, source);
                }
                // A failed sign-in is audited in the tenant of the user it was for; an unknown name has none.
                user.ifPresent(u -> QuarkusTransaction.requiringNew()
                        .run(() -> audit.recordAs(
                                u.tenant,
                                username,
                                "login.failed",
                                "user",
                                username,
                                AuditLog.detail("reason", "wrong password"))));
                throw new AuthenticationFailedException();
            }
            if (!QuarkusTransaction.requiringNew().call(() -> Tenant.isEnabled(user.get().tenant))) {
                LOG.infof("Console login refused for '%s': the tenant is disabled", username);
                QuarkusTransaction.requiringNew()
                        .run(() -> audit.recordAs(
                                user.get().tenant,
                                username,
                                "login.failed",
                                "user",
                                username,
                                AuditLog.detail("reason", "tenant disabled")));
                throw new AuthenticationFailedException();
            }
            throttle.succeeded(username);
            LOG.infof("Console login of '%s'", username);
            QuarkusTransaction.requiringNew()
                    .run(() -> audit.recordAs(
                            user.get().tenant,
                            username,
                            "login",
                            "user",
                            username,
                            AuditLog.detail("via", "password")));
            return SessionIdentityProvider.identity(user.get());
        });
    }
}
