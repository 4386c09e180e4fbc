package io.thinkwatch.console.ui;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import io.quarkus.csrf.reactive.runtime.CsrfTokenParameterProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.security.Caller;
import io.thinkwatch.security.ContentAccess;
import io.thinkwatch.security.UserRole;

/** The signed-in person as templates see it ({@code inject:me}): name, role, and what the role may see. */
@RequestScoped
@Named("me")
public class ConsoleUser {

    private final SecurityIdentity identity;
    private final CsrfTokenParameterProvider csrf;

    public ConsoleUser(SecurityIdentity identity, CsrfTokenParameterProvider csrf) {
        this.identity = identity;
        this.csrf = csrf;
    }

    /**
     * The CSRF token for the sign-out form. Empty on an error page rendered before the CSRF filter ran (a
     * request refused by a role check): the page still renders; signing out works from any other page.
     */
    public String getCsrfToken() {
        try {
            return csrf.getToken();
        } catch (IllegalStateException e) {
            return "";
        }
    }

    public boolean isSignedIn() {
        return Caller.hasTenant(identity);
    }

    public String getName() {
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    public String getTenant() {
        return Caller.of(identity).tenant();
    }

    /** The highest role the identity holds, as shown to the person. */
    public String getRole() {
        if (identity.hasRole(UserRole.PLATFORM_ADMIN_NAME)) {
            return UserRole.PLATFORM_ADMIN_NAME;
        }
        if (identity.hasRole(UserRole.ADMIN_NAME)) {
            return UserRole.ADMIN_NAME;
        }
        return identity.hasRole(UserRole.REVIEWER_NAME) ? UserRole.REVIEWER_NAME : UserRole.VIEWER_NAME;
    }

    public boolean isAdmin() {
        return identity.hasRole(UserRole.ADMIN_NAME);
    }

    /** Whether prompts, answers and reasoning are shown, or only metadata. */
    public boolean isContentVisible() {
        return ContentAccess.mayReadContent(identity);
    }
}
