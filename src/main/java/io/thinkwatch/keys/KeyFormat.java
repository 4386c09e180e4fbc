package io.thinkwatch.keys;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The capture key format: {@code twk_} and base64url of a payload followed by its Ed25519 signature. The payload is
 * a version byte, a 16-byte random key id, then the tenant, app and environment, each as a length byte and UTF-8
 * (length 0 for an unbound app or environment).
 */
public final class KeyFormat {

    public static final String PREFIX = "twk_";

    /** The longest key this format can hold (three 255-byte fields); a longer header is refused before decoding. */
    public static final int MAX_LENGTH = 1136;

    private static final byte VERSION = 1;
    private static final int ID_BYTES = 16;
    private static final int SIGNATURE_BYTES = 64;
    private static final int MAX_FIELD_BYTES = 255;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyFormat() {}

    /** A key text read: its claims and what is signed, or why it is not a key. */
    public sealed interface Decoded {}

    /** A well-formed key; {@link #verifiedBy} says whether its signature is right. */
    public record Parsed(KeyClaims claims, ByteBuffer payload, ByteBuffer signature) implements Decoded {

        public boolean verifiedBy(PublicKey signer) {
            try {
                Signature check = Signature.getInstance("Ed25519");
                check.initVerify(signer);
                check.update(payload.duplicate());
                byte[] given = new byte[signature.remaining()];
                signature.duplicate().get(given);
                return check.verify(given);
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
    }

    /** Not a key of this format, with a reason that does not repeat the key. */
    public record Malformed(String reason) implements Decoded {}

    /** A new random key id, 32 hex digits. */
    public static String newKeyId() {
        byte[] id = new byte[ID_BYTES];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** The key text for {@code claims}, signed with {@code signer}. */
    public static String encode(KeyClaims claims, PrivateKey signer) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.write(VERSION);
        payload.writeBytes(HexFormat.of().parseHex(claims.keyId()));
        field(payload, claims.tenant());
        field(payload, claims.app());
        field(payload, claims.env());
        byte[] signed = payload.toByteArray();
        try {
            Signature sign = Signature.getInstance("Ed25519");
            sign.initSign(signer);
            sign.update(signed);
            payload.writeBytes(sign.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.toByteArray());
    }

    private static void field(ByteArrayOutputStream out, String value) {
        byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_FIELD_BYTES) {
            throw new IllegalArgumentException("a key field holds at most " + MAX_FIELD_BYTES + " bytes");
        }
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    /** Reads a key text; never throws. */
    public static Decoded decode(String text) {
        if (text.length() > MAX_LENGTH) {
            return new Malformed("longer than any capture key");
        }
        if (!text.startsWith(PREFIX)) {
            return new Malformed("not a Thinkwatch capture key (they start with " + PREFIX + ")");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return new Malformed("not base64url after " + PREFIX);
        }
        if (bytes.length < 1 + ID_BYTES + 3 + SIGNATURE_BYTES || bytes[0] != VERSION) {
            return new Malformed("not a capture key of a version this capture knows");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, bytes.length - SIGNATURE_BYTES);
        in.position(1);
        byte[] id = new byte[ID_BYTES];
        in.get(id);
        try {
            String tenant = field(in);
            String app = field(in);
            String env = field(in);
            if (tenant == null || in.hasRemaining()) {
                return new Malformed("the key's contents are not well formed");
            }
            return new Parsed(
                    new KeyClaims(HexFormat.of().formatHex(id), tenant, app, env),
                    ByteBuffer.wrap(bytes, 0, bytes.length - SIGNATURE_BYTES)
                            .slice()
                            .asReadOnlyBuffer(),
                    ByteBuffer.wrap(bytes, bytes.length - SIGNATURE_BYTES, SIGNATURE_BYTES)
                            .slice()
                            .asReadOnlyBuffer());
        } catch (CharacterCodingException | RuntimeException e) {
            return new Malformed("the key's contents are not well formed");
        }
    }

    private static String field(ByteBuffer in) throws CharacterCodingException {
        int length = Byte.toUnsignedInt(in.get());
        if (length == 0) {
            return null;
        }
        ByteBuffer value = in.slice(in.position(), length);
        in.position(in.position() + length);
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(value)
                .toString();
    }
}
