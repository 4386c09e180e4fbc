package io.thinkwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Key rotation against the real table: entries written with key A (the configured one), then by an audit log whose
 * configuration rotated to B with A as previous key. Restarting Quarkus with another key is not needed: a second
 * {@link AuditLog} built on other {@link AuditKeys} is what a restarted console would run.
 */
@QuarkusTest
class AuditRotationIT {

    @Inject
    AuditLog withA;

    @Inject
    ObjectMapper mapper;

    @Inject
    Instance<SecurityIdentity> identity;

    @ConfigProperty(name = "thinkwatch.audit.chain.key")
    String keyA;

    private final String keyB = AuditKeysTest.KEY_L;

    /** The audit log of a console configured with {@code keys}, run in transactions of its own. */
    private AuditLog configured(AuditKeys keys) {
        return new AuditLog(mapper, identity, keys);
    }

    private String rotatedChain() {
        String tenant = "rotation-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 1; i <= 3; i++) {
            withA.recordAs(tenant, "ann", "rule.update", "rule", "a" + i, AuditLog.detail("version", i));
        }
        AuditLog withB = configured(AuditKeys.of(keyB, List.of(keyA)));
        for (int i = 1; i <= 2; i++) {
            String target = "b" + i;
            QuarkusTransaction.requiringNew()
                    .run(() -> withB.recordAs(tenant, "ann", "rule.update", "rule", target, AuditLog.detail()));
        }
        return tenant;
    }

    private static ChainVerification verify(AuditLog log, String tenant) {
        return QuarkusTransaction.requiringNew().call(() -> log.verify(tenant, List.of()));
    }

    @Test
    void afterRotatingToBWithAAsPreviousEveryEntryVerifies() {
        // Given three entries linked with A and two linked after the rotation to B
        String tenant = rotatedChain();

        // When verified by a console configured with B and A as previous key
        ChainVerification result = verify(configured(AuditKeys.of(keyB, List.of(keyA))), tenant);

        // Then all five verify, and each names the key that linked it
        assertThat(result.valid()).isTrue();
        assertThat(result.entries()).isEqualTo(5);
        List<String> keyIds = QuarkusTransaction.requiringNew()
                .call(() -> AuditEntry.<AuditEntry>list("tenant = ?1 order by seq", tenant).stream()
                        .map(e -> e.keyId)
                        .toList());
        String a = AuditKeys.of(keyA, List.of()).current().id();
        String b = AuditKeys.of(keyB, List.of()).current().id();
        assertThat(keyIds).containsExactly(a, a, a, b, b);
    }

    @Test
    void withARemovedTheOldEntriesCannotBeVerifiedAndAreNotCalledTampered() {
        // Given three entries linked with A and two with B
        String tenant = rotatedChain();

        // When verified by a console configured with B alone
        ChainVerification result = verify(configured(AuditKeys.of(keyB, List.of())), tenant);

        // Then A's entries are "cannot verify", B's verify, and nothing is reported as broken
        String a = AuditKeys.of(keyA, List.of()).current().id();
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBroken()).isNull();
        assertThat(result.unverified().reason()).isEqualTo("cannot verify: key " + a + " not configured");
        assertThat(result.unverified().entries()).isEqualTo(3);
        assertThat(result.entries()).isEqualTo(5);
    }

    @Test
    void aConsoleNotYetGivenBCannotVerifyItsEntries() {
        // Given entries linked with A, then with B
        String tenant = rotatedChain();

        // When verified by the running console, which knows only A
        ChainVerification result = verify(withA, tenant);

        // Then B's two entries are "cannot verify"
        assertThat(result.firstBroken()).isNull();
        assertThat(result.unverified().entries()).isEqualTo(2);
        assertThat(result.unverified().firstSeq()).isEqualTo(4);
    }
}
