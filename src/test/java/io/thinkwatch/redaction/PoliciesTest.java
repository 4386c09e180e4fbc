package io.thinkwatch.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Which policy a call gets from the three levels, and the settings that stop the start. */
class PoliciesTest {

    private static final String PREFIX = "thinkwatch.capture.redaction";

    private static Layer mode(RedactionMode mode) {
        return new Layer(Optional.empty(), Optional.empty(), Optional.of(mode), Map.of());
    }

    private static Layer enabled(boolean on) {
        return new Layer(Optional.of(on), Optional.empty(), Optional.empty(), Map.of());
    }

    private static Layer patterns(Map<String, String> patterns) {
        return new Layer(Optional.empty(), Optional.empty(), Optional.empty(), patterns);
    }

    private static Policies policies(Layer global, Map<String, Layer> tenants, Map<String, Layer> upstreams) {
        return new Policies(PREFIX, global, tenants, upstreams, Optional.of(PolicyTest.KEY));
    }

    @Test
    void byDefaultEveryBuiltInDetectorMasks() {
        // Given no setting at all
        Policies policies = new Policies(PREFIX, Layer.NONE, Map.of(), Map.of(), Optional.empty());

        // When the policy of any call is asked for
        Policy policy = policies.policy("acme", "openai");

        // Then every built-in detector runs in mask mode
        assertThat(policy.mode()).isEqualTo(RedactionMode.MASK);
        assertThat(policy.detectors()).extracting(Detector::type).hasSize(BuiltIn.values().length);
    }

    @Test
    void aTenantsSettingWinsOverItsUpstreamsWhichWinsOverTheGlobalOne() {
        // Given hash globally, drop for the upstream "eu", mask for the tenant "acme"
        Policies policies = policies(
                mode(RedactionMode.HASH),
                Map.of("acme", mode(RedactionMode.MASK)),
                Map.of("eu", mode(RedactionMode.DROP)));

        // When the policies of calls are resolved
        // Then the most specific level that sets the mode decides
        assertThat(policies.policy("acme", "eu").mode()).isEqualTo(RedactionMode.MASK);
        assertThat(policies.policy("other", "eu").mode()).isEqualTo(RedactionMode.DROP);
        assertThat(policies.policy("other", "us").mode()).isEqualTo(RedactionMode.HASH);
        assertThat(policies.policy("acme", null).mode()).isEqualTo(RedactionMode.MASK);
    }

    @Test
    void aTenantCanTurnRedactionOnWhereItsUpstreamTurnsItOff() {
        // Given redaction off for the upstream "local", on for the tenant "health"
        Policies policies = policies(Layer.NONE, Map.of("health", enabled(true)), Map.of("local", enabled(false)));

        // When the policies of calls through "local" are resolved
        // Then the tenant's choice wins
        assertThat(policies.policy("health", "local").enabled()).isTrue();
        assertThat(policies.policy("other", "local").enabled()).isFalse();
    }

    @Test
    void patternsAddUpOverTheLevels() {
        // Given a global pattern and one of a tenant
        Policies policies = policies(
                patterns(Map.of("employee_id", "EMP-[0-9]{6}")),
                Map.of("acme", patterns(Map.of("ticket", "ACME-[0-9]+"))),
                Map.of());
        Counts counts = new Counts();

        // When a text of that tenant is redacted
        String redacted = policies.policy("acme", null).redact("EMP-123456 filed ACME-42", counts);

        // Then both patterns ran, each under its own name
        assertThat(redacted).isEqualTo("[redacted:employee_id] filed [redacted:ticket]");
        assertThat(policies.policy("other", null).redact("ACME-42", new Counts()))
                .isEqualTo("ACME-42");
    }

    @Test
    void detectorsNamesTheBuiltInsThatRun() {
        // Given only email for the tenant "acme"
        Policies policies = policies(
                Layer.NONE,
                Map.of("acme", new Layer(Optional.empty(), Optional.of(List.of("email")), Optional.empty(), Map.of())),
                Map.of());

        // When a text with an address and a key is redacted
        String redacted = policies.policy("acme", null).redact("ops@example.org AKIAIOSFODNN7EXAMPLE", new Counts());

        // Then only the address is replaced
        assertThat(redacted).isEqualTo("[redacted:email] AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void anInvalidPatternStopsTheStartNamingItsKey() {
        // Given a tenant pattern RE2 refuses (lookahead)
        // When the policies are built
        // Then the message names the setting
        assertThatThrownBy(() ->
                        policies(Layer.NONE, Map.of("acme", patterns(Map.of("order", "(?=ORD)ORD-[0-9]+"))), Map.of()))
                .hasMessageStartingWith(PREFIX + ".tenants.\"acme\".patterns.order: not a valid RE2 pattern");
    }

    @Test
    void aPatternMatchingNothingIsRefused() {
        // Given a pattern that matches the empty text
        // When the policies are built
        // Then it is refused
        assertThatThrownBy(() -> policies(patterns(Map.of("blank", "x*")), Map.of(), Map.of()))
                .hasMessageContaining(PREFIX + ".patterns.blank: the pattern matches the empty text");
    }

    @Test
    void hashModeWithoutAKeyStopsTheStart() {
        // Given hash mode for one upstream and no key
        // When the policies are built
        // Then the message names the setting and the missing key
        assertThatThrownBy(() -> new Policies(
                        PREFIX, Layer.NONE, Map.of(), Map.of("eu", mode(RedactionMode.HASH)), Optional.empty()))
                .hasMessageStartingWith(
                        PREFIX + ".upstreams.\"eu\".mode is hash, but " + PREFIX + ".hash-key is not set");
    }

    @Test
    void aShortKeyIsRefused() {
        // Given a key of 16 bytes
        // When the policies are built
        // Then the key is refused with its length
        assertThatThrownBy(() -> new Policies(
                        PREFIX, mode(RedactionMode.HASH), Map.of(), Map.of(), Optional.of("MDEyMzQ1Njc4OWFiY2RlZg==")))
                .hasMessage(PREFIX + ".hash-key must be 32 bytes (base64 of 32 random bytes, e.g. `openssl rand -base64"
                        + " 32`), it has 16");
    }

    @Test
    void anUnknownDetectorIsRefused() {
        // Given a detector name that does not exist
        // When the policies are built
        // Then the message lists the known ones
        assertThatThrownBy(() -> policies(
                        new Layer(Optional.empty(), Optional.of(List.of("ssn")), Optional.empty(), Map.of()),
                        Map.of(),
                        Map.of()))
                .hasMessageStartingWith(PREFIX + ".detectors: unknown detector 'ssn'; known: [private_key,");
    }
}
