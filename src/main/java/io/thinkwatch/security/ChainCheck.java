package io.thinkwatch.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.thinkwatch.security.ChainVerification.Broken;
import io.thinkwatch.security.ChainVerification.Compared;
import io.thinkwatch.security.ChainVerification.Unverified;

/**
 * Walks one tenant's entries in {@code seq} order, fed by the caller in batches, and names the first that does not
 * fit, with the kind of tampering it shows ({@link BreakKind}). Pure: no database, so every kind is unit-tested.
 *
 * <p>An entry whose link fails is held until the next one tells an edit (the next entry still links to it and
 * verifies) from a rewrite (the next entry links to it but fails its key too). Entries whose key is not configured
 * are counted as unverified and their stored hash is taken as the link, so the rest of the chain is still checked.
 */
final class ChainCheck {

    private final AuditKeys keys;
    private final NavigableMap<Long, AuditCheckpoint> checkpoints;
    private long expected;
    private String previous;
    private boolean keyed;
    private long count;
    private AuditEntry suspect;
    private Broken broken;
    private AuditCheckpoint differing;
    private long unverified;
    private long firstUnverified;
    private String headKeyId;
    private final Set<String> unknownKeys = new LinkedHashSet<>();

    private ChainCheck(
            AuditKeys keys, NavigableMap<Long, AuditCheckpoint> checkpoints, long expected, String previous) {
        this.keys = keys;
        this.checkpoints = checkpoints;
        this.expected = expected;
        this.previous = previous;
    }

    /** A check of a whole chain from its first entry, against the tenant's checkpoints known (any order). */
    static ChainCheck fromGenesis(AuditKeys keys, List<AuditCheckpoint> checkpoints) {
        NavigableMap<Long, AuditCheckpoint> bySeq = new TreeMap<>();
        checkpoints.forEach(c -> bySeq.putIfAbsent(c.seq(), c));
        return new ChainCheck(keys, bySeq, 1, AuditChain.GENESIS);
    }

    /**
     * A check of what follows a checkpoint: the first entry must be the checkpointed one with its hash, and entries
     * after a keyed checkpoint must be keyed too.
     */
    static ChainCheck from(AuditCheckpoint start, AuditKeys keys) {
        ChainCheck check = new ChainCheck(keys, new TreeMap<>(Map.of(start.seq(), start)), start.seq(), null);
        check.keyed = !AuditChain.LEGACY.equals(start.keyId());
        return check;
    }

    /** Takes the next entry; false once the answer is known and no more entries are needed. */
    boolean accept(AuditEntry e) {
        if (broken != null) {
            return false;
        }
        if (suspect != null) {
            classify(suspect, e);
            return false;
        }
        if (e.seq != expected) {
            broken = new Broken(
                    expected,
                    "entry " + expected + " is missing: the chain jumps from " + (expected - 1) + " to " + e.seq,
                    BreakKind.DELETED);
            return false;
        }
        if (previous != null && !previous.equals(e.prevHash)) {
            broken = new Broken(
                    e.seq,
                    "prevHash does not match the hash of entry " + (e.seq - 1)
                            + ": entries before it were removed (and the rest renumbered) or replaced",
                    BreakKind.DELETED);
            return false;
        }
        switch (link(e)) {
            case FITS -> {}
            case UNKNOWN_KEY -> {
                if (unverified++ == 0) {
                    firstUnverified = e.seq;
                }
                unknownKeys.add(e.keyId);
            }
            case DOWNGRADED -> {
                broken = new Broken(
                        e.seq,
                        "the entry is linked with plain SHA-256 after entries linked with a key: the chain was"
                                + " rewritten from here by someone without the key",
                        BreakKind.REWRITTEN);
                return false;
            }
            case FAILS -> {
                suspect = e;
                return true;
            }
        }
        AuditCheckpoint checkpoint = checkpoints.get(e.seq);
        if (checkpoint != null) {
            if (!checkpoint.hash().equals(e.hash)) {
                differing = checkpoint;
                broken = new Broken(
                        e.seq,
                        "the entry's hash is not the one checkpointed at " + checkpoint.at()
                                + ": the chain was rewritten up to here, every link recomputed",
                        BreakKind.REWRITTEN);
                return false;
            }
            keyed |= !AuditChain.LEGACY.equals(checkpoint.keyId());
        }
        previous = e.hash;
        headKeyId = e.keyId;
        expected++;
        count++;
        return true;
    }

    /** The answer for the entries taken. */
    ChainVerification result() {
        if (suspect != null && broken == null) {
            broken = edited(suspect);
        }
        AuditCheckpoint latest =
                checkpoints.isEmpty() ? null : checkpoints.lastEntry().getValue();
        if (broken == null && latest != null && latest.seq() >= expected) {
            broken = new Broken(
                    expected,
                    "the chain ends at entry " + (expected - 1) + " but the checkpoint of " + latest.at()
                            + " saw entry "
                            + latest.seq() + ": entries " + expected + " to " + latest.seq()
                            + " were cut off the end",
                    BreakKind.CUT);
        }
        Unverified unknown = unverified == 0
                ? null
                : new Unverified(
                        unverified,
                        firstUnverified,
                        List.copyOf(unknownKeys),
                        "cannot verify: key " + String.join(", ", unknownKeys) + " not configured");
        return new ChainVerification(
                broken == null && unknown == null,
                count,
                previous == null ? AuditChain.GENESIS : previous,
                broken,
                unknown,
                compared(latest));
    }

    /** The last entry taken when every entry fit and was verified with a configured key: the next checkpoint. */
    Optional<ChainGrowth.Head> head(String tenant) {
        return broken == null && suspect == null && unverified == 0 && headKeyId != null
                ? Optional.of(new ChainGrowth.Head(tenant, expected - 1, previous, headKeyId))
                : Optional.empty();
    }

    private Compared compared(AuditCheckpoint latest) {
        AuditCheckpoint shown = differing != null ? differing : latest;
        if (shown == null) {
            return null;
        }
        Boolean matches;
        if (differing != null || (broken != null && broken.kind() == BreakKind.CUT)) {
            matches = false;
        } else if (shown.seq() < expected) {
            matches = true;
        } else {
            matches = null; // the chain broke before reaching it
        }
        return new Compared(shown.seq(), shown.hash(), shown.at(), shown.keyId(), matches);
    }

    private void classify(AuditEntry failed, AuditEntry next) {
        boolean linksToIt = next.seq == failed.seq + 1 && failed.hash.equals(next.prevHash);
        Link nextLink = linksToIt ? link(next) : Link.FITS;
        if (linksToIt && (nextLink == Link.FAILS || nextLink == Link.DOWNGRADED)) {
            broken = new Broken(
                    failed.seq,
                    "entries from " + failed.seq + " on are linked to each other but do not match their key:"
                            + " the chain was rewritten from here by someone without the key",
                    BreakKind.REWRITTEN);
        } else {
            broken = edited(failed);
        }
    }

    private static Broken edited(AuditEntry failed) {
        return new Broken(
                failed.seq,
                "the entry's content does not match its hash: it was changed after it was written",
                BreakKind.EDITED);
    }

    private enum Link {
        FITS,
        FAILS,
        UNKNOWN_KEY,
        DOWNGRADED
    }

    private Link link(AuditEntry e) {
        if (AuditChain.LEGACY.equals(e.keyId)) {
            if (keyed) {
                return Link.DOWNGRADED;
            }
            return AuditChain.hash(e).equals(e.hash) ? Link.FITS : Link.FAILS;
        }
        keyed = true;
        return keys.byId(e.keyId)
                .map(key -> key.link(e).equals(e.hash) ? Link.FITS : Link.FAILS)
                .orElse(Link.UNKNOWN_KEY);
    }
}
