package io.thinkwatch.capture;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.thinkwatch.model.TraceEvent;

/**
 * The bounded hand-over from request threads to the publisher thread: each item builds its traces when the
 * publisher takes it. Adding never blocks; a proxied trace that finds the queue full is dropped and counted.
 */
final class PublishQueue {

    private final BlockingQueue<Supplier<List<TraceEvent>>> queue;
    private final DropCounter drops;

    PublishQueue(int capacity, DropCounter drops) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.drops = drops;
    }

    /** Queues a trace to be built on the publisher thread, or drops it when the queue is full. */
    void publish(Supplier<TraceEvent> trace) {
        if (!queue.offer(() -> List.of(trace.get()))) {
            drops.dropped(DropCounter.Reason.QUEUE_FULL, 1);
        }
    }

    /** Queues traces built on the publisher thread, all or none: false when the queue is full. */
    boolean offer(Supplier<List<TraceEvent>> traces) {
        return queue.offer(traces);
    }

    /** Waits up to {@code millis} for the first item, then takes every item waiting, up to {@code max}. */
    void take(List<Supplier<List<TraceEvent>>> into, long millis, int max) throws InterruptedException {
        Supplier<List<TraceEvent>> first = queue.poll(millis, TimeUnit.MILLISECONDS);
        if (first != null) {
            into.add(first);
            queue.drainTo(into, max - 1);
        }
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** For the queue-size gauge. */
    Collection<?> items() {
        return queue;
    }
}
