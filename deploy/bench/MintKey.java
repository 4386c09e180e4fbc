import java.security.KeyPair;

import io.thinkwatch.keys.KeyClaims;
import io.thinkwatch.keys.KeyFormat;
import io.thinkwatch.keys.SignerKeys;

/**
 * Makes a signer and one capture key of it for a benchmark's capture instance, without a console: prints the public
 * key (for thinkwatch.capture.keys.signers) and the key, one per line.
 *   java -cp target/quarkus-app/app/thinkwatch-*.jar deploy/bench/MintKey.java [tenant (default bench)]
 */
public class MintKey {
    public static void main(String[] args) {
        KeyPair signer = SignerKeys.generate();
        String key = KeyFormat.encode(
                new KeyClaims(KeyFormat.newKeyId(), args.length > 0 ? args[0] : "bench", null, null),
                signer.getPrivate());
        System.out.println(SignerKeys.text(signer.getPublic()));
        System.out.println(key);
    }
}
