package io.thinkwatch.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class KeyFormatTest {

    private final KeyPair signer = SignerKeys.generate();
    private final KeyClaims claims = new KeyClaims(KeyFormat.newKeyId(), "acme", "support-bot", "prod");

    @Test
    void aKeyCarriesItsClaimsAndIsVerifiedByItsSigner() {
        // Given a key made by the signer
        String key = KeyFormat.encode(claims, signer.getPrivate());

        // When it is read
        KeyFormat.Decoded decoded = KeyFormat.decode(key);

        // Then it says what it was made for, its signer verifies it, and it fits the longest-key limit
        assertThat(key).startsWith("twk_").hasSizeLessThan(KeyFormat.MAX_LENGTH);
        assertThat(decoded).isInstanceOf(KeyFormat.Parsed.class);
        KeyFormat.Parsed parsed = (KeyFormat.Parsed) decoded;
        assertThat(parsed.claims()).isEqualTo(claims);
        assertThat(parsed.verifiedBy(signer.getPublic())).isTrue();
    }

    @Test
    void anUnboundKeyHasNoAppOrEnvironment() {
        KeyClaims unbound = new KeyClaims(KeyFormat.newKeyId(), "acme", null, null);

        KeyFormat.Decoded decoded = KeyFormat.decode(KeyFormat.encode(unbound, signer.getPrivate()));

        assertThat(((KeyFormat.Parsed) decoded).claims()).isEqualTo(unbound);
    }

    @Test
    void anotherSignerDoesNotVerifyAKey() {
        String key = KeyFormat.encode(claims, signer.getPrivate());

        KeyFormat.Parsed parsed = (KeyFormat.Parsed) KeyFormat.decode(key);

        assertThat(parsed.verifiedBy(SignerKeys.generate().getPublic())).isFalse();
    }

    @Test
    void aKeyWhoseTenantWasChangedNoLongerVerifies() {
        // Given a key for "acme" whose tenant bytes are rewritten to "acmf"
        byte[] bytes = Base64.getUrlDecoder()
                .decode(KeyFormat.encode(claims, signer.getPrivate()).substring(4));
        bytes[1 + 16 + 1 + 3] = 'f';
        String forged = "twk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        // When it is read
        KeyFormat.Parsed parsed = (KeyFormat.Parsed) KeyFormat.decode(forged);

        // Then it claims the other tenant, but the signature gives it away
        assertThat(parsed.claims().tenant()).isEqualTo("acmf");
        assertThat(parsed.verifiedBy(signer.getPublic())).isFalse();
    }

    @Test
    void textThatIsNoKeyIsMalformedWithAReason() {
        assertThat(reason("sk-proj-abc")).startsWith("not a Thinkwatch capture key");
        assertThat(reason("twk_***")).isEqualTo("not base64url after twk_");
        assertThat(reason("twk_" + "A".repeat(40))).isEqualTo("not a capture key of a version this capture knows");
        assertThat(reason("twk_" + "A".repeat(KeyFormat.MAX_LENGTH))).isEqualTo("longer than any capture key");
    }

    @Test
    void fieldsLongerThanTheKeyOrNotUtf8AreMalformed() {
        // Given a payload whose tenant claims 200 bytes, and one whose tenant is not UTF-8
        byte[] tooLong = payload(new byte[] {(byte) 200, 'a', 0});
        byte[] notUtf8 = payload(new byte[] {2, (byte) 0xC3, (byte) 0x28, 0, 0});

        // Then neither is read as a key
        assertThat(reason("twk_" + Base64.getUrlEncoder().encodeToString(tooLong)))
                .isEqualTo("the key's contents are not well formed");
        assertThat(reason("twk_" + Base64.getUrlEncoder().encodeToString(notUtf8)))
                .isEqualTo("the key's contents are not well formed");
    }

    @Test
    void theReasonNeverRepeatsTheKey() {
        String key = "twk_" + "secretsecret".repeat(5) + "!";

        assertThat(reason(key)).doesNotContain("secretsecret");
    }

    private static byte[] payload(byte[] fields) {
        byte[] bytes = new byte[1 + 16 + fields.length + 64];
        bytes[0] = 1;
        System.arraycopy(fields, 0, bytes, 17, fields.length);
        return bytes;
    }

    private static String reason(String text) {
        KeyFormat.Decoded decoded = KeyFormat.decode(text);
        assertThat(decoded).isInstanceOf(KeyFormat.Malformed.class);
        return ((KeyFormat.Malformed) decoded).reason();
    }

    @Test
    void utf8TenantsSurvive() {
        KeyClaims accented = new KeyClaims(KeyFormat.newKeyId(), "équipe-ü", null, null);

        KeyFormat.Parsed parsed = (KeyFormat.Parsed) KeyFormat.decode(KeyFormat.encode(accented, signer.getPrivate()));

        assertThat(parsed.claims().tenant()).isEqualTo("équipe-ü");
        assertThat(parsed.verifiedBy(signer.getPublic())).isTrue();
    }
}
