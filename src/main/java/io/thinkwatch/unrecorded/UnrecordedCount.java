package io.thinkwatch.unrecorded;

import java.time.Instant;

/**
 * What one capture instance reports for one kind of unrecorded call: how many it forwarded since its last report,
 * up to {@code until}. The path shape has its ids replaced ({@code /v1/models/*:countTokens}).
 */
public record UnrecordedCount(
        String tenant, String method, String shape, String upstream, long count, String instance, Instant until) {

    /** The kind of call the count is of, without the instance and time. */
    public Kind kind() {
        return new Kind(method, shape, upstream);
    }

    /** A kind of unrecorded call: method, path shape and the upstream it went to. */
    public record Kind(String method, String shape, String upstream) {}
}
