package io.thinkwatch.security;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.orm.panache.PanacheEntity;

/**
 * A console user; the password is stored as a bcrypt hash. A single sign-on user ({@code sso}) has no password: the
 * provider's claims set their tenant and role at each sign-in.
 */
@Entity
@Table(name = "tw_user")
public class User extends PanacheEntity {

    public String tenant;
    public String username;
    public String passwordHash;

    @Convert(converter = WireConverters.Role.class)
    public UserRole role;

    public boolean sso;

    public Instant createdAt = Instant.now();

    public static Optional<User> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    public static User create(String tenant, String username, String password, UserRole role) {
        User user = new User();
        user.tenant = tenant;
        user.username = username;
        user.passwordHash = BcryptUtil.bcryptHash(password);
        user.role = role;
        user.persist();
        return user;
    }
}
