package io.thinkwatch.security;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a verification of a tenant's audit chain found ({@code GET /api/v1/audit/verify}). {@code firstBroken} is absent
 * when no tampering was found, {@code unverified} when every entry's key is configured, {@code checkpoint} when the
 * tenant has none yet.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainVerification(
        boolean valid, long entries, String lastHash, Broken firstBroken, Unverified unverified, Compared checkpoint) {

    /** The first entry that does not fit the chain, why, and what kind of tampering that shows. */
    public record Broken(long seq, String reason, BreakKind kind) {}

    /** Entries linked with keys that are not configured: not verified, and not known to be tampered either. */
    public record Unverified(long entries, long firstSeq, List<String> keyIds, String reason) {}

    /**
     * The checkpoint the chain was compared with (the latest, or an earlier one that differs); {@code matches} is
     * absent when the chain broke before reaching its entry.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Compared(long seq, String hash, Instant at, String keyId, Boolean matches) {}
}
