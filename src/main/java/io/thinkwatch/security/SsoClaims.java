package io.thinkwatch.security;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * What Thinkwatch reads from a provider's ID token, and nothing else: the user name, the tenant, the role and the
 * groups, each from the claim {@link SsoConfig} names. A missing or empty claim is null (groups: empty).
 */
public record SsoClaims(String username, String tenant, String role, List<String> groups) {

    /** Reads the claims through {@code claim} (e.g. {@code JsonWebToken::getClaim}), which gives null when absent. */
    public static SsoClaims read(Function<String, Object> claim, SsoConfig config) {
        return new SsoClaims(
                text(claim.apply(config.usernameClaim())),
                text(claim.apply(config.tenantClaim())),
                text(claim.apply(config.roleClaim())),
                texts(claim.apply(config.groupsClaim())));
    }

    private static String text(Object value) {
        String text = value instanceof JsonString json ? json.getString() : value instanceof String s ? s : null;
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static List<String> texts(Object value) {
        if (value instanceof JsonArray array) {
            return array.stream()
                    .filter(v -> v.getValueType() == JsonValue.ValueType.STRING)
                    .map(v -> ((JsonString) v).getString())
                    .toList();
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(SsoClaims::text).filter(v -> v != null).toList();
        }
        String single = text(value);
        return single == null ? List.of() : List.of(single);
    }
}
