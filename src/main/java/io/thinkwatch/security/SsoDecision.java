package io.thinkwatch.security;

/** Whether a single sign-on may become a console session, and as whom. */
public sealed interface SsoDecision {

    /** The person may sign in to {@code tenant} with {@code role}. */
    record SignedIn(String username, String tenant, UserRole role) implements SsoDecision {}

    /**
     * Refused, with a reason a person can act on. {@code tenant} is the tenant to audit the refusal in: the one the
     * token named when it exists, else null.
     */
    record Refused(String username, String tenant, String reason) implements SsoDecision {}
}
