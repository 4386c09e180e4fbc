package io.thinkwatch.keys;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The installation's Ed25519 key pair that signs capture keys ({@link SignerKeys} text forms). */
@Entity
@Table(name = "key_signer")
public class KeySigner extends PanacheEntityBase {

    @Id
    public String id;

    public String publicKey;
    public String privateKey;
    public Instant createdAt;

    /** False until the public key is on the topic. */
    public boolean published;
}
