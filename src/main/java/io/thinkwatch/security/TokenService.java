package io.thinkwatch.security;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.commons.lang3.StringUtils;

import io.thinkwatch.errors.Invalid;
import io.thinkwatch.errors.NotFound;

/** The API tokens of a tenant, made and deleted by its admins; a token is shown once and kept as its SHA-256. */
@ApplicationScoped
public class TokenService {

    /** A token as listed: never the token itself. */
    public record TokenView(long id, String name, String role, Instant createdAt) {

        static TokenView of(ApiToken token) {
            return new TokenView(token.id, token.name, token.role.wire(), token.createdAt);
        }
    }

    /** A token just made, with its text: the only time it is shown. */
    public record CreatedToken(long id, String name, String role, Instant createdAt, String token) {}

    /** {@code POST /api/v1/tokens}: a name and the role the token acts with. */
    public record TokenRequest(String name, String role) {}

    private final AuditLog audit;

    public TokenService(AuditLog audit) {
        this.audit = audit;
    }

    @Transactional
    public List<TokenView> list(String tenant) {
        return ApiToken.<ApiToken>list("tenant = ?1 order by createdAt desc, id", tenant).stream()
                .map(TokenView::of)
                .toList();
    }

    @Transactional
    public CreatedToken create(Caller by, TokenRequest request) {
        String name = StringUtils.stripToNull(request == null ? null : request.name());
        UserRole role = request == null ? null : UserRole.fromWire(request.role());
        List<String> problems = new java.util.ArrayList<>();
        if (name == null || name.length() > 200) {
            problems.add("name: required, at most 200 characters");
        }
        if (role == null || !role.grantableByTenantAdmin()) {
            problems.add("role: one of viewer, reviewer, admin");
        }
        if (!problems.isEmpty()) {
            throw new Invalid("the token is not valid", problems);
        }
        String secret = ApiToken.newSecret();
        ApiToken token = ApiToken.create(by.tenant(), name, role, secret);
        audit.record(
                by.tenant(),
                "token.create",
                "token",
                String.valueOf(token.id),
                AuditLog.detail("name", name, "role", role.wire()));
        return new CreatedToken(token.id, token.name, role.wire(), token.createdAt, secret);
    }

    /** Deletes a token of the caller's tenant: calls with it answer 401 from the next request on. */
    @Transactional
    public void delete(Caller by, long id) {
        ApiToken token = ApiToken.<ApiToken>findByIdOptional(id)
                .filter(t -> t.tenant.equals(by.tenant()))
                .orElseThrow(() -> new NotFound("token " + id));
        token.delete();
        audit.record(by.tenant(), "token.delete", "token", String.valueOf(id), AuditLog.detail("name", token.name));
    }
}
