package io.thinkwatch.retention;

/**
 * {@code POST /api/v1/holds}: what to hold ({@code trace}, {@code finding} or {@code app}), its id or name, and
 * why.
 */
public record HoldRequest(String kind, String target, String reason) {}
