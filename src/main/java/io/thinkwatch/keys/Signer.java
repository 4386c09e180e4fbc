package io.thinkwatch.keys;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

/**
 * The installation's signer of capture keys: made by the first console that starts (under an advisory lock, so two
 * consoles starting together make one), read from PostgreSQL by every later start.
 */
@ApplicationScoped
public class Signer {

    private static final Logger LOG = Logger.getLogger(Signer.class);

    private volatile KeySigner signer;
    private volatile PrivateKey privateKey;

    /** The signer, made now if the installation has none. */
    @Transactional
    public KeySigner current() {
        KeySigner known = signer;
        if (known != null) {
            return known;
        }
        KeySigner.getEntityManager()
                .createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtext('key_signer'))) locked")
                .getSingleResult();
        KeySigner stored = KeySigner.<KeySigner>find("order by createdAt").firstResult();
        if (stored == null) {
            KeyPair pair = SignerKeys.generate();
            stored = new KeySigner();
            stored.id = SignerKeys.id(pair.getPublic());
            stored.publicKey = SignerKeys.text(pair.getPublic());
            stored.privateKey = SignerKeys.text(pair.getPrivate());
            stored.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            stored.persist();
            LOG.infof(
                    "Made the signer of capture keys %s; pin its public key on capture instances started apart from"
                            + " Kafka (decision 0022): thinkwatch.capture.keys.signers=%s",
                    stored.id, stored.publicKey);
        }
        privateKey = SignerKeys.privateKey(stored.privateKey);
        signer = stored;
        return stored;
    }

    /** Signs {@code claims} into a key text. */
    public String sign(KeyClaims claims) {
        current();
        return KeyFormat.encode(claims, privateKey);
    }
}
