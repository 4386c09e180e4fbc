package io.thinkwatch.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.util.List;

import org.junit.jupiter.api.Test;

class KeyBookTest {

    private final KeyPair signer = SignerKeys.generate();
    private final KeyClaims claims = new KeyClaims(KeyFormat.newKeyId(), "acme", null, null);
    private final String key = KeyFormat.encode(claims, signer.getPrivate());

    private KeyBook pinned() {
        return new KeyBook(List.of(signer.getPublic()), KeyBook.State.empty());
    }

    @Test
    void aKeyOfAPinnedSignerIsValid() {
        assertThat(pinned().check(List.of(key))).isEqualTo(new KeyBook.Valid(claims));
    }

    @Test
    void noHeaderIsAbsent() {
        assertThat(pinned().check(List.of())).isInstanceOf(KeyBook.Absent.class);
    }

    @Test
    void twoKeysAreRefused() {
        assertThat(refused(pinned().check(List.of(key, key))).message()).contains("more than one key");
        assertThat(refused(pinned().check(List.of(key + "," + key))).message()).contains("more than one key");
    }

    @Test
    void aKeyOfAnotherSignerIsRefusedAsNotMadeHere() {
        String forged = KeyFormat.encode(claims, SignerKeys.generate().getPrivate());

        KeyBook.Refused refused = refused(pinned().check(List.of(forged)));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("thinkwatch_key_invalid");
        assertThat(refused.message()).contains("not made by this installation").doesNotContain(forged);
    }

    @Test
    void aSignerReadFromTheTopicIsTrusted() {
        // Given a book that pins nothing
        KeyBook book = new KeyBook(List.of(), KeyBook.State.empty());
        assertThat(refused(book.check(List.of(key))).code()).isEqualTo("thinkwatch_keys_unknown");

        // When the topic announces the signer
        KeyNotice notice = KeyNotice.signer(signer.getPublic());
        boolean changed = book.apply(notice.key(), notice.value());

        // Then its keys are valid, and the state to keep on disk holds it
        assertThat(changed).isTrue();
        assertThat(book.knowsSigner()).isTrue();
        assertThat(book.check(List.of(key))).isEqualTo(new KeyBook.Valid(claims));
        assertThat(book.state().signers()).containsValue(SignerKeys.text(signer.getPublic()));
    }

    @Test
    void aRevocationReadAfterTheKeyWasUsedRefusesIt() {
        // Given a key already checked once (and so remembered as verified)
        KeyBook book = pinned();
        assertThat(book.check(List.of(key))).isInstanceOf(KeyBook.Valid.class);

        // When its revocation arrives, then again
        KeyNotice revoked = KeyNotice.revoked(claims.keyId());
        boolean first = book.apply(revoked.key(), revoked.value());
        boolean second = book.apply(revoked.key(), revoked.value());

        // Then it is refused from then on; the second row changed nothing
        assertThat(refused(book.check(List.of(key))).message()).contains("revoked");
        assertThat(first).isTrue();
        assertThat(second).isFalse();
    }

    @Test
    void aDisabledTenantsKeysAreRefusedUntilItIsEnabledAgain() {
        KeyBook book = pinned();
        KeyNotice disabled = KeyNotice.tenant("acme", false);
        book.apply(disabled.key(), disabled.value());
        assertThat(refused(book.check(List.of(key))).message()).contains("tenant is disabled");

        KeyNotice enabled = KeyNotice.tenant("acme", true);
        book.apply(enabled.key(), enabled.value());

        assertThat(book.check(List.of(key))).isInstanceOf(KeyBook.Valid.class);
    }

    @Test
    void aStateKeptOnDiskStillRefusesItsRevocations() {
        KeyBook book = new KeyBook(
                List.of(),
                new KeyBook.State(
                        java.util.Map.of("s", SignerKeys.text(signer.getPublic())),
                        java.util.Set.of(claims.keyId()),
                        java.util.Set.of()));

        assertThat(refused(book.check(List.of(key))).message()).contains("revoked");
    }

    @Test
    void rowsThatAreNotUnderstoodChangeNothing() {
        KeyBook book = pinned();

        assertThat(book.apply("signer:x", "not a key")).isFalse();
        assertThat(book.apply("other:x", "y")).isFalse();
        assertThat(book.apply(null, "y")).isFalse();
        assertThat(book.apply("revoked:x", null)).isFalse();
        assertThat(book.state()).isEqualTo(KeyBook.State.empty());
    }

    private static KeyBook.Refused refused(KeyBook.Check check) {
        assertThat(check).isInstanceOf(KeyBook.Refused.class);
        return (KeyBook.Refused) check;
    }
}
