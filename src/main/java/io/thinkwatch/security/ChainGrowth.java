package io.thinkwatch.security;

/** A tenant's audit chain grew since its last checkpoint: the next checkpoint ({@link Head}), or why there is none. */
public sealed interface ChainGrowth permits ChainGrowth.Head, ChainGrowth.Refused {

    String tenant();

    /** The newest entry, verified from the last checkpoint on: what the next checkpoint records. */
    record Head(String tenant, long seq, String hash, String keyId) implements ChainGrowth {}

    /** The chain grew but does not verify from its last checkpoint on: no checkpoint until that is resolved. */
    record Refused(String tenant, String why) implements ChainGrowth {}
}
