package io.thinkwatch.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Keyed links: HMAC-SHA256 over the chain's encoding, a short key id, and the configuration's mistakes named. */
class AuditKeysTest {

    static final String KEY_K =
            Base64.getEncoder().encodeToString("k".repeat(32).getBytes(StandardCharsets.UTF_8));
    static final String KEY_L =
            Base64.getEncoder().encodeToString("l".repeat(32).getBytes(StandardCharsets.UTF_8));

    static AuditEntry entry() {
        AuditEntry e = new AuditEntry();
        e.prevHash = AuditChain.GENESIS;
        e.tenant = "t";
        e.seq = 1;
        e.at = Instant.parse("2026-11-26T09:00:00.123456Z");
        e.actor = "ann";
        e.action = "rule.create";
        e.targetType = "rule";
        e.targetId = "7";
        e.detail = "{}";
        return e;
    }

    @Test
    void aLinkIsTheHmacSha256OfTheSameEncodingAsThePlainHash() {
        // Given the key of 32 bytes "k" (values computed independently with Python's hmac and hashlib)
        AuditKey key = AuditKeys.of(KEY_K, List.of()).current();

        // When an entry is linked with it
        String link = key.link(entry());

        // Then the link is the HMAC, and the id the first 8 hex digits of the key's SHA-256
        assertThat(link).isEqualTo("dc6659c50d9eb54ddbe0bc5287bb013cb80ba20cb73c4fd7e48ea4f4aa97484c");
        assertThat(key.id()).isEqualTo("5e318f8c");
        assertThat(AuditChain.hash(entry()))
                .isEqualTo("de1b8c77833cf0432038c5c4956cc31f59543d835c894f67925a07b903cf14fd");
    }

    @Test
    void anotherKeyLinksTheSameEntryDifferently() {
        // Given two keys
        AuditKey k = AuditKeys.of(KEY_K, List.of()).current();
        AuditKey l = AuditKeys.of(KEY_L, List.of()).current();

        // When both link the same entry
        List<String> links = List.of(k.link(entry()), l.link(entry()), AuditChain.hash(entry()));

        // Then neither link nor id agrees, and neither is the plain SHA-256
        assertThat(links).doesNotHaveDuplicates();
        assertThat(k.id()).isNotEqualTo(l.id()).hasSize(8).isNotEqualTo(AuditChain.LEGACY);
    }

    @Test
    void previousKeysAreFoundByTheirIdAndOnlyTheCurrentOneLinks() {
        // Given L current and K previous
        AuditKeys keys = AuditKeys.of(KEY_L, List.of(KEY_K));
        String k = AuditKeys.of(KEY_K, List.of()).current().id();

        // When keys are looked up by id
        // Then both are known, L first, and neither an unknown id nor the legacy one finds a key
        assertThat(keys.current().id()).isNotEqualTo(k);
        assertThat(keys.byId(k)).isPresent();
        assertThat(keys.ids()).containsExactly(keys.current().id(), k);
        assertThat(keys.byId("00000000")).isEmpty();
        assertThat(keys.byId(AuditChain.LEGACY)).isEmpty();
    }

    @Test
    void aKeyThatIsNot32BytesOfBase64IsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> AuditKeys.of("not base64!", List.of()))
                .hasMessageContaining("thinkwatch.audit.chain.key is not valid base64");
        assertThatThrownBy(() -> AuditKeys.of(KEY_K, List.of("c2hvcnQ=")))
                .hasMessageContaining("thinkwatch.audit.chain.previous-keys must be 32 bytes")
                .hasMessageContaining("it has 5");
    }

    @Test
    void theSameKeyListedTwiceIsRefused() {
        assertThatThrownBy(() -> AuditKeys.of(KEY_K, List.of(KEY_L, KEY_K)))
                .hasMessageContaining("previous-keys repeats key");
    }

    @Test
    void withoutAKeyTheConsoleRefusesToStartSayingHowToMakeOne() {
        // Given a configuration without thinkwatch.audit.chain.key
        AuditChainConfig config = new AuditChainConfig() {
            @Override
            public Optional<String> key() {
                return Optional.empty();
            }

            @Override
            public Optional<List<String>> previousKeys() {
                return Optional.empty();
            }

            @Override
            public Duration checkpointInterval() {
                return Duration.ofMinutes(1);
            }
        };

        // When the keys are made
        // Then the error names the property, its variable and how to make a key
        assertThatThrownBy(() -> new AuditKeysProducer().keys(config))
                .hasMessageContaining("thinkwatch.audit.chain.key is not set")
                .hasMessageContaining("THINKWATCH_AUDIT_CHAIN_KEY")
                .hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void theKeyNeverShowsInItsText() {
        assertThat(AuditKeys.of(KEY_K, List.of()).current().toString()).isEqualTo("AuditKey[5e318f8c]");
    }
}
