package io.thinkwatch.capture;

import java.util.Locale;
import java.util.Set;

/**
 * The headers an AWS Signature Version 4 {@code Authorization} covers ({@code SignedHeaders=host;x-amz-date;...}),
 * which capture forwards exactly as the client sent them, {@code Host} included: changing or dropping one would
 * break the signature (Amazon Bedrock). Empty for any other kind of request.
 */
final class SignedHeaders {

    private static final String SCHEME = "AWS4-HMAC-SHA256 ";
    private static final String FIELD = "SignedHeaders=";

    private SignedHeaders() {}

    static Set<String> of(String authorization) {
        if (authorization == null || !authorization.startsWith(SCHEME)) {
            return Set.of();
        }
        int start = authorization.indexOf(FIELD);
        if (start < 0) {
            return Set.of();
        }
        start += FIELD.length();
        int end = authorization.indexOf(',', start);
        String list = authorization
                .substring(start, end < 0 ? authorization.length() : end)
                .trim();
        return list.isEmpty() ? Set.of() : Set.of(list.toLowerCase(Locale.ROOT).split(";"));
    }
}
