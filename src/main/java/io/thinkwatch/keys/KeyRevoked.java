package io.thinkwatch.keys;

/** Fired in the transaction that revokes a key, so the revocation is announced as soon as it commits. */
public record KeyRevoked(String keyId) {}
