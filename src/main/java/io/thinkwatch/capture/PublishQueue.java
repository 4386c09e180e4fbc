package io.thinkwatch.capture;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.thinkwatch.model.TraceEvent;

/**
 * The bounded hand-over from request threads to the publisher thread: each item builds its traces when the
 * publisher takes it. Bounded twice: in items, and in the bytes of captured bodies they hold, so that large prompts
 * arriving faster than the publisher takes them cannot fill the heap. Adding never blocks; a proxied trace that finds
 * the queue full is dropped and counted.
 */
final class PublishQueue {

    private final BlockingQueue<Item> queue;
    private final long maxBytes;
    private final AtomicLong bytes = new AtomicLong();
    private final DropCounter drops;

    PublishQueue(int capacity, long maxBytes, DropCounter drops) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBytes = maxBytes;
        this.drops = drops;
    }

    /**
     * Queues a trace to be built on the publisher thread, or drops it when the queue is full.
     *
     * @param bytes the size of what the trace holds until it is built (the captured bodies)
     */
    void publish(Supplier<TraceEvent> trace, long bytes) {
        if (!offer(() -> List.of(trace.get()), bytes)) {
            drops.dropped(DropCounter.Reason.QUEUE_FULL, 1);
        }
    }

    /** Queues traces built on the publisher thread, all or none: false when the queue is full. */
    boolean offer(Supplier<List<TraceEvent>> traces, long size) {
        // One item always fits into an empty queue, however large: the bound is on what waits behind the publisher.
        long after = bytes.addAndGet(size);
        if (after > maxBytes && after != size) {
            bytes.addAndGet(-size);
            return false;
        }
        if (!queue.offer(new Item(traces, size))) {
            bytes.addAndGet(-size);
            return false;
        }
        return true;
    }

    /** Waits up to {@code millis} for the first item, then takes every item waiting, up to {@code max}. */
    void take(List<Supplier<List<TraceEvent>>> into, long millis, int max) throws InterruptedException {
        Item first = queue.poll(millis, TimeUnit.MILLISECONDS);
        if (first == null) {
            return;
        }
        List<Item> taken = new ArrayList<>();
        taken.add(first);
        queue.drainTo(taken, max - 1);
        for (Item item : taken) {
            bytes.addAndGet(-item.bytes());
            into.add(item.traces());
        }
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** For the queue-size gauge. */
    Collection<?> items() {
        return queue;
    }

    /** For the queue-bytes gauge. */
    long bytes() {
        return bytes.get();
    }

    private record Item(Supplier<List<TraceEvent>> traces, long bytes) {}
}
