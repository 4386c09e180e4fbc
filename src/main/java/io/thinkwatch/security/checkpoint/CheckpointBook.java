package io.thinkwatch.security.checkpoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import org.jboss.logging.Logger;

import io.thinkwatch.security.AuditCheckpoint;

/**
 * The audit checkpoints this instance has read from the topic or written to it, per tenant, the newest
 * {@value #KEPT_PER_TENANT} of each. Safe from any thread. {@link #caughtUp()} turns true once the follower has read
 * the whole topic as it was at start: before that, "no checkpoint" means "not read yet".
 */
public final class CheckpointBook {

    static final int KEPT_PER_TENANT = 1000;
    private static final Logger LOG = Logger.getLogger(CheckpointBook.class);

    private final Map<String, NavigableMap<Long, AuditCheckpoint>> byTenant = new HashMap<>();
    private volatile boolean caughtUp;

    /**
     * Keeps a checkpoint; returns false when one of the same tenant and seq is already kept (the first stays: two
     * instances checkpointing the same entry write the same hash, and a differing one is logged).
     */
    public synchronized boolean add(AuditCheckpoint c) {
        NavigableMap<Long, AuditCheckpoint> kept = byTenant.computeIfAbsent(c.tenant(), t -> new TreeMap<>());
        AuditCheckpoint earlier = kept.putIfAbsent(c.seq(), c);
        if (earlier != null) {
            if (!earlier.hash().equals(c.hash())) {
                LOG.errorf(
                        "Two audit checkpoints of tenant %s at entry %d differ (%s, %s): the first is kept",
                        c.tenant(), c.seq(), earlier.at(), c.at());
            }
            return false;
        }
        while (kept.size() > KEPT_PER_TENANT) {
            kept.pollFirstEntry();
        }
        return true;
    }

    /** The tenant's checkpoint of the highest seq. */
    public synchronized Optional<AuditCheckpoint> latest(String tenant) {
        NavigableMap<Long, AuditCheckpoint> kept = byTenant.get(tenant);
        return kept == null || kept.isEmpty()
                ? Optional.empty()
                : Optional.of(kept.lastEntry().getValue());
    }

    /** The tenant's checkpoints, newest first. */
    public synchronized List<AuditCheckpoint> of(String tenant) {
        NavigableMap<Long, AuditCheckpoint> kept = byTenant.get(tenant);
        return kept == null ? List.of() : new ArrayList<>(kept.descendingMap().values());
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    void markCaughtUp() {
        caughtUp = true;
    }
}
