package io.thinkwatch.capture;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.thinkwatch.keys.KeyClaims;
import io.thinkwatch.model.Attribution;
import io.vertx.core.MultiMap;

/** Reads and strips the {@code X-Thinkwatch-*} attribution headers of a proxied request. */
final class Attributions {

    static final String APP = "X-Thinkwatch-App";
    static final String USER = "X-Thinkwatch-User";
    static final String SESSION = "X-Thinkwatch-Session";
    static final String TAGS = "X-Thinkwatch-Tags";
    static final String KEY = "X-Thinkwatch-Key";
    static final String UPSTREAM = "X-Thinkwatch-Upstream";
    static final String TRACE_ID = "X-Thinkwatch-Trace-Id";

    private static final int MAX_TAGS = 32;

    private Attributions() {}

    static boolean isThinkwatchHeader(String name) {
        return name.regionMatches(true, 0, "X-Thinkwatch-", 0, 13);
    }

    /** The attribution of an admitted call: the key's tenant, and its app and environment where it is bound. */
    static Attribution read(MultiMap headers, KeyGate.Admitted admitted) {
        KeyClaims claims = admitted.claims();
        String app = claims != null && claims.app() != null ? claims.app() : headers.get(APP);
        String env = claims == null ? null : claims.env();
        return new Attribution(
                admitted.tenant(),
                app,
                env,
                headers.get(USER),
                headers.get(SESSION),
                tags(headers.get(TAGS)),
                claims == null ? null : claims.keyId());
    }

    /** Parses {@code k1=v1,k2=v2}; malformed pairs are skipped, at most {@value #MAX_TAGS} are kept. */
    static Map<String, String> tags(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (String pair : header.split(",", -1)) {
            int eq = pair.indexOf('=');
            if (eq > 0 && tags.size() < MAX_TAGS) {
                tags.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return tags.isEmpty() ? null : tags;
    }

    /** Headers that describe one hop, not the message, and so are never copied across the proxy. */
    static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host",
            "content-length");
}
