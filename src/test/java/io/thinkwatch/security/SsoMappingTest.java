package io.thinkwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.thinkwatch.security.SsoMapping.TenantState;

/** How the claims of a single sign-on become a console user, or a refusal that says why. */
class SsoMappingTest {

    /** The defaults of {@link SsoConfig}, with a group mapping for the tenant acme. */
    record Settings(Map<String, Map<String, String>> groupRoles, boolean allowPlatformAdmin) implements SsoConfig {
        Settings() {
            this(Map.of("acme", Map.of("tw-readers", "viewer", "tw-reviewers", "reviewer", "tw-odd", "owner")), false);
        }

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public String usernameClaim() {
            return "preferred_username";
        }

        @Override
        public String tenantClaim() {
            return "thinkwatch_tenant";
        }

        @Override
        public String roleClaim() {
            return "thinkwatch_role";
        }

        @Override
        public String groupsClaim() {
            return "groups";
        }
    }

    private static TenantState tenant(String name) {
        return switch (name) {
            case "acme", "globex" -> TenantState.ENABLED;
            case "dormant" -> TenantState.DISABLED;
            default -> TenantState.MISSING;
        };
    }

    private static SsoDecision decide(SsoClaims claims) {
        return new SsoMapping(new Settings()).decide(claims, SsoMappingTest::tenant);
    }

    @Test
    void tenantAndRoleClaimsSignThePersonIn() {
        // Given a token naming alice, the tenant acme and the role reviewer
        SsoClaims claims = new SsoClaims("alice", "acme", "reviewer", List.of());

        // When it is mapped
        SsoDecision decision = decide(claims);

        // Then alice signs in to acme as a reviewer
        assertThat(decision).isEqualTo(new SsoDecision.SignedIn("alice", "acme", UserRole.REVIEWER));
    }

    @Test
    void withoutARoleClaimTheHighestMappedGroupGivesTheRole() {
        // Given a token without role, in two mapped groups, one unmapped and one mapped to an unknown role
        SsoClaims claims =
                new SsoClaims("bob", "acme", null, List.of("tw-readers", "everyone", "tw-reviewers", "tw-odd"));

        // When it is mapped
        SsoDecision decision = decide(claims);

        // Then bob gets the highest known role of his groups
        assertThat(decision).isEqualTo(new SsoDecision.SignedIn("bob", "acme", UserRole.REVIEWER));
    }

    @Test
    void aTokenWithoutTenantIsRefusedAndAuditedNowhere() {
        // Given a token without the tenant claim
        // When it is mapped
        SsoDecision decision = decide(new SsoClaims("alice", null, "admin", List.of()));

        // Then it is refused, naming the claim, with no tenant to audit in
        assertThat(decision)
                .isEqualTo(new SsoDecision.Refused(
                        "alice", null, "the provider's token names no tenant (claim 'thinkwatch_tenant')"));
    }

    @Test
    void anUnknownTenantIsRefused() {
        // Given a token naming a tenant that does not exist
        // When it is mapped
        SsoDecision decision = decide(new SsoClaims("alice", "nosuch", "admin", List.of()));

        // Then it is refused without an audit tenant
        assertThat(decision).isEqualTo(new SsoDecision.Refused("alice", null, "there is no tenant 'nosuch'"));
    }

    @Test
    void aDisabledTenantIsRefusedAndAuditedThere() {
        // Given a token naming a disabled tenant
        // When it is mapped
        SsoDecision decision = decide(new SsoClaims("alice", "dormant", "viewer", List.of()));

        // Then it is refused, to be audited in that tenant
        assertThat(decision).isEqualTo(new SsoDecision.Refused("alice", "dormant", "the tenant 'dormant' is disabled"));
    }

    @Test
    void anUnknownRoleIsRefused() {
        // Given a token with a role Thinkwatch does not have
        // When it is mapped
        SsoDecision decision = decide(new SsoClaims("alice", "acme", "owner", List.of()));

        // Then it is refused, naming the role
        assertThat(decision)
                .isEqualTo(new SsoDecision.Refused(
                        "alice", "acme", "the role 'owner' is unknown (viewer, reviewer or admin)"));
    }

    @Test
    void noRoleClaimAndNoMappingIsRefused() {
        // Given a token without role for a tenant that maps no groups
        // When it is mapped
        SsoDecision decision = decide(new SsoClaims("alice", "globex", null, List.of("tw-reviewers")));

        // Then it is refused, naming the role claim
        assertThat(decision)
                .isEqualTo(new SsoDecision.Refused(
                        "alice", "globex", "the provider's token gives no role (claim 'thinkwatch_role')"));
    }

    @Test
    void groupsThatMapToNoRoleAreRefused() {
        // Given a token without role whose groups acme does not map
        // When it is mapped
        SsoDecision decision = decide(new SsoClaims("alice", "acme", null, List.of("everyone")));

        // Then it is refused
        assertThat(decision)
                .isEqualTo(new SsoDecision.Refused(
                        "alice", "acme", "none of your groups has a role in the tenant 'acme'"));
    }

    @Test
    void platformAdminIsNotGrantedThroughAClaimByDefault() {
        // Given a token claiming platform_admin, and the default settings
        // When it is mapped
        SsoDecision decision = decide(new SsoClaims("mallory", "acme", "platform_admin", List.of()));

        // Then it is refused
        assertThat(decision)
                .isEqualTo(new SsoDecision.Refused(
                        "mallory", "acme", "the role platform_admin is not given through single sign-on"));
    }

    @Test
    void platformAdminIsGrantedWhenTheSettingsAllowIt() {
        // Given settings that allow a claim to make a platform administrator
        SsoMapping mapping = new SsoMapping(new Settings(Map.of(), true));

        // When a token claiming platform_admin is mapped
        SsoDecision decision =
                mapping.decide(new SsoClaims("root", "acme", "platform_admin", List.of()), SsoMappingTest::tenant);

        // Then it is granted
        assertThat(decision).isEqualTo(new SsoDecision.SignedIn("root", "acme", UserRole.PLATFORM_ADMIN));
    }

    @Test
    void aUserNameThatIsNoConsoleNameIsRefused() {
        // Given a token whose user name has a space in it
        // When it is mapped
        SsoDecision decision = decide(new SsoClaims("alice smith", "acme", "viewer", List.of()));

        // Then it is refused before any tenant is looked at
        assertThat(decision).isInstanceOf(SsoDecision.Refused.class);
        assertThat(((SsoDecision.Refused) decision).reason()).contains("claim 'preferred_username'");
    }
}
