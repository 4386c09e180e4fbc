package io.thinkwatch.retention;

import java.time.Instant;
import java.util.List;

/** A legal hold as the API lists it. */
public record HoldView(
        String id,
        HoldKind kind,
        String target,
        List<String> traceIds,
        String reason,
        String placedBy,
        Instant placedAt,
        String releasedBy,
        Instant releasedAt) {

    static HoldView of(LegalHold hold) {
        return new HoldView(
                hold.id,
                hold.kind,
                hold.target,
                hold.traceIds,
                hold.reason,
                hold.placedBy,
                hold.placedAt,
                hold.releasedBy,
                hold.releasedAt);
    }
}
