package io.thinkwatch.unrecorded;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Capture's running count of unrecorded calls since its last report, by tenant and kind. Counting is a map lookup
 * and an atomic add (it runs on the event loop); the kinds seen stay in the map, at most {@value #MAX_KINDS} of
 * them, later ones counted under the shape {@code other}.
 */
@ApplicationScoped
public class UnrecordedTally {

    static final int MAX_KINDS = 1000;
    static final String OTHER = "other";

    private record Key(String tenant, UnrecordedCount.Kind kind) {}

    private final Map<Key, AtomicLong> counts = new ConcurrentHashMap<>();

    /** One call forwarded without a trace. */
    public void add(String tenant, String method, String shape, String upstream) {
        Key key = new Key(tenant, new UnrecordedCount.Kind(method, shape, upstream));
        AtomicLong count = counts.get(key);
        if (count == null) {
            if (counts.size() >= MAX_KINDS) {
                key = new Key(tenant, new UnrecordedCount.Kind(method, OTHER, upstream));
            }
            count = counts.computeIfAbsent(key, k -> new AtomicLong());
        }
        count.incrementAndGet();
    }

    /** The counts since the last call, each kind with calls once, and starts again from zero. */
    public List<UnrecordedCount> drain(String instance, Instant until) {
        List<UnrecordedCount> drained = new ArrayList<>();
        counts.forEach((key, count) -> {
            long n = count.getAndSet(0);
            if (n > 0) {
                UnrecordedCount.Kind kind = key.kind();
                drained.add(new UnrecordedCount(
                        key.tenant(), kind.method(), kind.shape(), kind.upstream(), n, instance, until));
            }
        });
        return drained;
    }

    /** Counts a report could not deliver, added back so the next report carries them. */
    public void restore(List<UnrecordedCount> undelivered) {
        for (UnrecordedCount c : undelivered) {
            counts.computeIfAbsent(new Key(c.tenant(), c.kind()), k -> new AtomicLong())
                    .addAndGet(c.count());
        }
    }
}
