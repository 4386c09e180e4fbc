package io.thinkwatch.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/**
 * A bearer token for the REST API. Only its SHA-256 is stored: tokens are random and long, so a slow
 * password hash would add latency to every call without adding safety.
 */
@Entity
@Table(name = "api_token")
public class ApiToken extends PanacheEntity {

    private static final SecureRandom RANDOM = new SecureRandom();

    public String tenant;
    public String name;
    public String tokenHash;

    @Convert(converter = WireConverters.Role.class)
    public UserRole role;

    public Instant createdAt = Instant.now();

    public static Optional<ApiToken> findByToken(String token) {
        return find("tokenHash", hash(token)).firstResultOptional();
    }

    public static ApiToken create(String tenant, String name, UserRole role, String token) {
        ApiToken t = new ApiToken();
        t.tenant = tenant;
        t.name = name;
        t.role = role;
        t.tokenHash = hash(token);
        t.persist();
        return t;
    }

    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "tw_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of a secret, in hex: how tokens and capture keys are kept. */
    public static String hash(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
