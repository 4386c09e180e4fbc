package io.thinkwatch.export;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ids of exported spans, derived from Thinkwatch's own ids (SHA-256), so a span exported again after a retry or a
 * restart has the ids it had the first time, and a finding finds the span of its trace without asking anyone.
 */
final class SpanIds {

    private SpanIds() {}

    /** The trace id of a call made outside any application trace: 32 hex digits. */
    static String traceId(String thinkwatchTraceId) {
        return hex(thinkwatchTraceId, 0, 16);
    }

    /** The span id of the call's span: 16 hex digits. */
    static String spanId(String thinkwatchTraceId) {
        return hex(thinkwatchTraceId, 16, 24);
    }

    /** The span id of a finding's evaluation of one call. */
    static String evaluationSpanId(String findingId, String thinkwatchTraceId) {
        return hex(findingId + "\n" + thinkwatchTraceId, 16, 24);
    }

    private static String hex(String of, int from, int to) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(of.getBytes(StandardCharsets.UTF_8));
            // An all-zero id is invalid; one in 2^64 digests would give it.
            digest[to - 1] |= 1;
            return HexFormat.of().formatHex(digest, from, to);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
