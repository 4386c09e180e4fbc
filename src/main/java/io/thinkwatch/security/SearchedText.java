package io.thinkwatch.security;

import java.util.List;
import java.util.Map;

/**
 * A full-text search as the audit log keeps it: the SHA-256 of the query text (lowercase hex of its UTF-8 bytes,
 * the digest {@link ApiToken#hash} computes) and its length, never the text itself (decision 0025: a query may
 * itself be a secret or a person's name), the texts it searched and how many traces matched.
 */
public record SearchedText(String sha256, int length, List<String> in, long matched) {

    public SearchedText {
        in = List.copyOf(in);
    }

    public static SearchedText of(String q, List<String> in, long matched) {
        return new SearchedText(ApiToken.hash(q), q.codePointCount(0, q.length()), in, matched);
    }

    /** The audit detail's {@code query} object. */
    public Map<String, Object> detail() {
        return AuditLog.detail("sha256", sha256, "length", length, "in", in);
    }
}
