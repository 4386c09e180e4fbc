package io.thinkwatch.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What replaces a secret in each mode, and a hostile text. */
class PolicyTest {

    static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private static Policy policy(RedactionMode mode) {
        return new Policy(
                mode,
                Arrays.stream(BuiltIn.values()).map(BuiltIn::detector).toList(),
                mode == RedactionMode.HASH ? HashKey.fromBase64("key", KEY) : null);
    }

    @Test
    void hashModeGivesEqualSecretsEqualMarkersAndOthersOtherOnes() {
        // Given two mentions of one address and one of another
        String text = "from maria.gonzalez@example.com to maria.gonzalez@example.com and ops@example.org";

        // When redacted in hash mode
        String redacted = policy(RedactionMode.HASH).redact(text, new Counts());

        // Then each address is a marker with a 16-hex keyed hash, equal for the equal addresses
        String[] markers = redacted.replaceAll("[^\\[]*(\\[[^\\]]+\\])[^\\[]*", "$1 ")
                .trim()
                .split(" ");
        assertThat(markers).hasSize(3).allMatch(m -> m.matches("\\[redacted:email:[0-9a-f]{16}\\]"));
        assertThat(markers[0]).isEqualTo(markers[1]).isNotEqualTo(markers[2]);
        assertThat(redacted).doesNotContain("maria").doesNotContain("ops@");
    }

    @Test
    void theHashIsTheStartOfTheHmacOfTheSecret() {
        // Given the key and a secret
        // When it is redacted in hash mode
        String redacted = policy(RedactionMode.HASH).redact("AKIAIOSFODNN7EXAMPLE", new Counts());

        // Then the marker holds the first 8 bytes of HMAC-SHA256(key, secret), as anyone with the key can check
        assertThat(redacted).isEqualTo("[redacted:aws_access_key:" + hmac16("AKIAIOSFODNN7EXAMPLE") + "]");
    }

    @Test
    void dropModeReplacesTheWholeTextAndCountsWhatItFound() {
        // Given a text with an address and a card
        String text = "write to maria.gonzalez@example.com, card 4111 1111 1111 1111";
        Counts counts = new Counts();

        // When redacted in drop mode
        String redacted = policy(RedactionMode.DROP).redact(text, counts);

        // Then nothing of the text is left, and the counts say why
        assertThat(redacted).isEqualTo("[redacted:dropped]");
        assertThat(counts.byType()).isEqualTo(Map.of("email", 1, "card_number", 1));
    }

    @Test
    void dropModeLeavesATextWithoutSecretsAsItWas() {
        // Given a text without secrets
        Counts counts = new Counts();

        // When redacted in drop mode
        String redacted = policy(RedactionMode.DROP).redact("Route B is shorter.", counts);

        // Then it is kept
        assertThat(redacted).isEqualTo("Route B is shorter.");
        assertThat(counts.byType()).isNull();
    }

    @Test
    void aHostilePromptOfNearMissesIsReadToTheEnd() {
        // Given a 200 KB prompt built of near-misses for every detector, and one real key at its very end
        StringBuilder text = new StringBuilder();
        String[] nearMisses = {
            "sk-",
            "AKIA",
            "eyJ",
            "a@b",
            "-----BEGIN PRIVATE",
            "Bearer ",
            "4111 1111 1111 111",
            "+1 ",
            "0 1 2 3 ",
            "DE89 ",
            "xoxb-",
            "ghp_",
            "sk_live_",
            "AIza",
            "(415) 55",
            "1-2-3-4-5-6-7-8-9 "
        };
        for (int i = 0; text.length() < 200_000; i++) {
            text.append(nearMisses[i % nearMisses.length]);
        }
        String prefix = text.toString();
        text.append(" AKIAIOSFODNN7EXAMPLE");
        Counts counts = new Counts();

        // When it is redacted
        String redacted = policy(RedactionMode.MASK).redact(text.toString(), counts);

        // Then it completes, the key at the end is found, and every near-miss stays as it was
        assertThat(redacted).isEqualTo(prefix + " [redacted:aws_access_key]");
        assertThat(counts.byType()).isEqualTo(Map.of("aws_access_key", 1));
    }

    @Test
    void aPolicyWithoutDetectorsChangesNothing() {
        // Given redaction off
        Counts counts = new Counts();

        // When a text with a key is redacted
        String redacted = Policy.OFF.redact("AKIAIOSFODNN7EXAMPLE", counts);

        // Then it is kept and nothing is counted
        assertThat(redacted).isEqualTo("AKIAIOSFODNN7EXAMPLE");
        assertThat(counts.total()).isZero();
    }

    private static String hmac16(String secret) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(
                    java.util.Base64.getDecoder().decode(KEY), "HmacSHA256"));
            return java.util.HexFormat.of()
                    .formatHex(mac.doFinal(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .substring(0, 16);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
