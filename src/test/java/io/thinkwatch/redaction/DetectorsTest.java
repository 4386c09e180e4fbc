package io.thinkwatch.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each built-in detector on the corpus samples, and on what looks like them but is not. */
class DetectorsTest {

    private final Policy all = new Policy(
            RedactionMode.MASK,
            Arrays.stream(BuiltIn.values()).map(BuiltIn::detector).toList(),
            null);

    static Stream<Corpus.Sample> samples() {
        return Corpus.samples().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleIsReplacedByItsTypedMarker(Corpus.Sample sample) {
        // Given a sentence holding one sample
        String text = "Please use " + sample.sample() + " for the deploy, thanks.";
        Counts counts = new Counts();

        // When it is redacted with every built-in detector
        String redacted = all.redact(text, counts);

        // Then the sample is gone, its typed marker stands in its place, and it is counted once by its type
        String marker = "bearer_token".equals(sample.type())
                ? sample.sample().substring(0, sample.sample().indexOf(' ') + 1) + "[redacted:bearer_token]"
                : "[redacted:" + sample.type() + "]";
        assertThat(redacted).isEqualTo("Please use " + marker + " for the deploy, thanks.");
        assertThat(counts.byType()).isEqualTo(Map.of(sample.type(), 1));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "card 4111 1111 1111 1112 fails Luhn",
                "1234 5678 9012 3456",
                "sk-my-project-name-is-long-enough-to-look",
                "task-AbCdEfGhIjKlMnOpQrStUvWx123",
                "sk-short1A",
                "akiaiosfodnn7example",
                "AKIA1234",
                "ghp_short",
                "Bearer authentication is required here",
                "Authorization: Bearer YOUR_API_KEY_HERE",
                "xoxb-not-a-real-token",
                "sk_test_tooShort1",
                "version 10.2.3 of the SDK",
                "released on 2024-01-15 at 20:35:13",
                "order 4155550132 shipped",
                "invoice id 0123456789",
                "ids 1701883200123 and 550e8400-e29b-41d4-a716-446655440000",
                "host 192.168.100.200 port 8088",
                "see icon@2x.png and user@localhost",
                "DE89 3704 0044 0532 0130 01",
                "the header eyJhbGciOi alone",
                "-----BEGIN PUBLIC KEY----- is not secret",
                "pi is 3.14159265358979323846",
                "call +1 2 later",
                "the build took 1 234 567 ms"
            })
    void nearMissesStayAsTheyAre(String text) {
        // Given a text that looks like a secret or personal data but is not
        Counts counts = new Counts();

        // When it is redacted
        String redacted = all.redact(text, counts);

        // Then nothing is replaced
        assertThat(redacted).isEqualTo(text);
        assertThat(counts.total()).isZero();
    }

    @Test
    void severalSecretsInOneTextAreEachReplaced() {
        // Given a text with a key, an address, a phone number and a card
        List<Corpus.Sample> samples = Corpus.samples();
        String key = find(samples, "openai_key");
        String text =
                "key " + key + ", mail maria.gonzalez@example.com, call +44 20 7946 0958, card 4111-1111-1111-1111.";
        Counts counts = new Counts();

        // When it is redacted
        String redacted = all.redact(text, counts);

        // Then each is replaced by its own marker and counted
        assertThat(redacted)
                .isEqualTo("key [redacted:openai_key], mail [redacted:email], call [redacted:phone], card"
                        + " [redacted:card_number].");
        assertThat(counts.byType()).isEqualTo(Map.of("openai_key", 1, "email", 1, "phone", 1, "card_number", 1));
    }

    @Test
    void aJwtAfterBearerIsOneJwt() {
        // Given a bearer header whose token is a JWT
        String jwt = find(Corpus.samples(), "jwt");
        Counts counts = new Counts();

        // When it is redacted
        String redacted = all.redact("Authorization: Bearer " + jwt, counts);

        // Then the more specific detector names it, once
        assertThat(redacted).isEqualTo("Authorization: Bearer [redacted:jwt]");
        assertThat(counts.total()).isEqualTo(1);
    }

    @Test
    void anAnthropicKeyIsNotAlsoAnOpenAiKey() {
        // Given an Anthropic key, which also starts with sk-
        String key = find(Corpus.samples(), "anthropic_key");
        Counts counts = new Counts();

        // When it is redacted
        String redacted = all.redact(key, counts);

        // Then it is one anthropic_key
        assertThat(redacted).isEqualTo("[redacted:anthropic_key]");
        assertThat(counts.byType()).isEqualTo(Map.of("anthropic_key", 1));
    }

    @Test
    void keysInsideAPrivateKeyBlockAreOnePrivateKey() {
        // Given a private key block whose body happens to contain what looks like an AWS key
        String text = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIAKIAIOSFODNN7EXAMPLEx\nAKIAIOSFODNN7EXAMPLE\n"
                + "-----END EC PRIVATE KEY-----\nafter";
        Counts counts = new Counts();

        // When it is redacted
        String redacted = all.redact(text, counts);

        // Then the whole block is one private_key
        assertThat(redacted).isEqualTo("[redacted:private_key]\nafter");
        assertThat(counts.byType()).isEqualTo(Map.of("private_key", 1));
    }

    @Test
    void aPrivateKeyWithoutItsEndLineIsRedactedOverItsBody() {
        // Given a key pasted without its END line (a cut-off prompt)
        String text = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n";
        Counts counts = new Counts();

        // When it is redacted
        String redacted = all.redact(text + "- end of paste", counts);

        // Then the BEGIN line and the body are replaced
        assertThat(redacted).isEqualTo("[redacted:private_key]- end of paste");
    }

    @Test
    void aKeyLongerThanTheWindowSearchedAroundItsPrefixIsReplacedWhole() {
        // Given a key of 1,000 characters after its sk- prefix (a detector first searches 256 characters after it)
        String key = "sk-proj-" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z".repeat(32);
        Counts counts = new Counts();

        // When it is redacted
        String redacted = all.redact("key=" + key + " end", counts);

        // Then no tail of it is left
        assertThat(redacted).isEqualTo("key=[redacted:openai_key] end");
    }

    @Test
    void unicodeAroundSecretsIsKept() {
        // Given secrets between non-ASCII letters, emoji and a right-to-left word
        String text = "Grüße 🙂maria.gonzalez@example.com✓ — שלום AKIAIOSFODNN7EXAMPLE日本";
        Counts counts = new Counts();

        // When it is redacted
        String redacted = all.redact(text, counts);

        // Then the secrets are replaced and every other character is as it was
        assertThat(redacted).isEqualTo("Grüße 🙂[redacted:email]✓ — שלום [redacted:aws_access_key]日本");
    }

    @Test
    void aSecretInAToolCallsJsonArgumentsIsFound() {
        // Given tool call arguments, a JSON document inside a string, holding a PEM key with escaped newlines
        String arguments = "{\"key\":\"-----BEGIN RSA PRIVATE KEY-----\\nMIIEpAIBAAKCAQEA7\\n-----END RSA PRIVATE"
                + " KEY-----\",\"to\":\"ops_team42@sub.example.org\"}";
        Counts counts = new Counts();

        // When it is redacted
        String redacted = all.redact(arguments, counts);

        // Then both are replaced and the JSON around them is intact
        assertThat(redacted).isEqualTo("{\"key\":\"[redacted:private_key]\",\"to\":\"[redacted:email]\"}");
    }

    private static String find(List<Corpus.Sample> samples, String type) {
        return samples.stream()
                .filter(s -> s.type().equals(type))
                .findFirst()
                .orElseThrow()
                .sample();
    }
}
