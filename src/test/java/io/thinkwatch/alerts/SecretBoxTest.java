package io.thinkwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY =
            Base64.getEncoder().encodeToString("another-key-of-thirty-two-bytes!".getBytes(StandardCharsets.UTF_8));

    @Test
    void sealedSecretOpensWithTheSameKeyOnly() {
        // Given a secret sealed with one key
        String sealed = SecretBox.fromBase64(KEY).seal("{\"url\":\"https://hooks.slack.com/services/T/B/x\"}");

        // When it is opened with that key and with another
        String opened = SecretBox.fromBase64(KEY).open(sealed);

        // Then the plaintext is back, it was never visible in the sealed form, and the other key fails
        assertThat(opened).isEqualTo("{\"url\":\"https://hooks.slack.com/services/T/B/x\"}");
        assertThat(sealed).startsWith("v1:").doesNotContain("hooks.slack.com");
        assertThatThrownBy(() -> SecretBox.fromBase64(OTHER_KEY).open(sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        // Given one box
        SecretBox box = SecretBox.fromBase64(KEY);

        // When the same secret is sealed twice
        String first = box.seal("same");

        // Then the random nonce makes the ciphertexts differ
        assertThat(box.seal("same")).isNotEqualTo(first);
    }

    @Test
    void keyOfWrongLengthIsRefusedNamingTheProperty() {
        // Given a key of 16 bytes
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        // When a box is built from it
        // Then the error names the property and the expected size
        assertThatThrownBy(() -> SecretBox.fromBase64(shortKey))
                .hasMessageContaining("thinkwatch.alerts.secret-key")
                .hasMessageContaining("32 bytes");
    }
}
