package io.thinkwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;

/** Reading the four claims Thinkwatch uses from the shapes a JWT library hands them over in. */
class SsoClaimsTest {

    @Test
    void jsonValuesAndPlainValuesReadAlike() {
        // Given claims as JSON values (as SmallRye JWT gives custom claims) and as plain Java values
        Map<String, Object> json = Map.of(
                "preferred_username", Json.createValue("alice"),
                "thinkwatch_tenant", Json.createValue(" acme "),
                "thinkwatch_role", Json.createValue("admin"),
                "groups", Json.createArrayBuilder().add("a").add(1).add("b").build());
        Map<String, Object> plain = Map.of(
                "preferred_username", "alice",
                "thinkwatch_tenant", "acme",
                "thinkwatch_role", "admin",
                "groups", List.of("a", "b"));

        // When they are read
        SsoClaims fromJson = SsoClaims.read(json::get, new SsoMappingTest.Settings());
        SsoClaims fromPlain = SsoClaims.read(plain::get, new SsoMappingTest.Settings());

        // Then both give the same claims, trimmed, strings only
        assertThat(fromJson).isEqualTo(new SsoClaims("alice", "acme", "admin", List.of("a", "b")));
        assertThat(fromPlain).isEqualTo(fromJson);
    }

    @Test
    void missingOrBlankClaimsAreNull() {
        // Given a token with a blank tenant, no role and a single group as a string
        Map<String, Object> claims = Map.of("preferred_username", "alice", "thinkwatch_tenant", " ", "groups", "ops");

        // When it is read
        SsoClaims read = SsoClaims.read(claims::get, new SsoMappingTest.Settings());

        // Then tenant and role are null and the group is a list of one
        assertThat(read).isEqualTo(new SsoClaims("alice", null, null, List.of("ops")));
    }
}
