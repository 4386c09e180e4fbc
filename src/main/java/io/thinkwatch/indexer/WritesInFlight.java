package io.thinkwatch.indexer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The polls being written to OpenSearch, oldest first, at most a given number at once. Writes may finish in any
 * order, but a poll's offsets are handed out for committing only once it and every poll read before it are written
 * (each record indexed or dead-lettered), so a commit never passes a record that is neither. Used by the consumer's
 * thread only.
 */
final class WritesInFlight {

    /** One poll being written: where it ends on each partition, its record count, and its dead letters. */
    record Write(
            Map<TopicPartition, OffsetAndMetadata> ends,
            int records,
            List<BulkWriter.DeadLetter> dead,
            CompletableFuture<Void> done) {}

    /** What the writes finished at the head of the queue allow: offsets to commit and the records they cover. */
    record Finished(Map<TopicPartition, OffsetAndMetadata> offsets, int indexed, int deadLettered) {}

    private final Deque<Write> writes = new ArrayDeque<>();
    private final int most;

    WritesInFlight(int most) {
        if (most < 1) {
            throw new IllegalArgumentException("At least one write must be allowed at once, was " + most);
        }
        this.most = most;
    }

    void add(Write write) {
        if (isFull()) {
            throw new IllegalStateException("Already " + most + " writes in flight");
        }
        writes.add(write);
    }

    boolean isFull() {
        return writes.size() >= most;
    }

    boolean isEmpty() {
        return writes.isEmpty();
    }

    /**
     * Removes the finished writes at the head of the queue and returns what they allow to commit (later polls'
     * offsets replace earlier ones of the same partition).
     *
     * @throws ExecutionException when one of them failed (they retry until the indexer stops)
     */
    Finished takeFinished() throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        int indexed = 0;
        int deadLettered = 0;
        while (!writes.isEmpty() && writes.peek().done().isDone()) {
            Write write = writes.poll();
            write.done().get();
            offsets.putAll(write.ends());
            indexed += write.records() - write.dead().size();
            deadLettered += write.dead().size();
        }
        return new Finished(offsets, indexed, deadLettered);
    }

    /** Waits at most {@code timeout} for the oldest write to finish; whether it did. */
    boolean awaitOldest(Duration timeout) throws InterruptedException {
        try {
            writes.peek().done().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }
}
