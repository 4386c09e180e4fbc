package io.thinkwatch.capture;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** One batch of spooled traces sent to Kafka: which were acknowledged and which failed, as callbacks arrive. */
final class SpoolDrain {

    private final List<TraceSpool.Spooled> records;
    /** Per record: null while it is in flight, then empty when acknowledged or the failure. */
    private final AtomicReferenceArray<Optional<Throwable>> outcomes;

    private final AtomicInteger pending;

    SpoolDrain(List<TraceSpool.Spooled> records) {
        this.records = records;
        this.outcomes = new AtomicReferenceArray<>(records.size());
        this.pending = new AtomicInteger(records.size());
    }

    List<TraceSpool.Spooled> records() {
        return records;
    }

    /** Called once per record, from any thread; {@code error} null means acknowledged. */
    void complete(int index, Throwable error) {
        if (outcomes.compareAndSet(index, null, Optional.ofNullable(error))) {
            pending.decrementAndGet();
        }
    }

    boolean done() {
        return pending.get() == 0;
    }

    /** The failure of one record, null when Kafka acknowledged it. */
    Throwable error(int index) {
        Optional<Throwable> outcome = outcomes.get(index);
        return outcome == null ? null : outcome.orElse(null);
    }

    String firstError() {
        for (int i = 0; i < records.size(); i++) {
            if (error(i) != null) {
                return error(i).toString();
            }
        }
        return "none";
    }
}
