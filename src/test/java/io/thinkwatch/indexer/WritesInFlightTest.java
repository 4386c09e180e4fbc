package io.thinkwatch.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.thinkwatch.platform.ConsumerLoop;
import io.thinkwatch.platform.Topics;

/** Writes finish in any order; commits follow the order the polls were read in. */
class WritesInFlightTest {

    private static final TopicPartition P0 = new TopicPartition(Topics.TRACES, 0);
    private static final TopicPartition P1 = new TopicPartition(Topics.TRACES, 1);

    private final WritesInFlight writes = new WritesInFlight(2);

    private static WritesInFlight.Write write(
            Map<TopicPartition, Long> ends, int records, int dead, CompletableFuture<Void> done) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        ends.forEach((partition, end) -> offsets.put(partition, new OffsetAndMetadata(end)));
        List<BulkWriter.DeadLetter> letters = new ArrayList<>();
        for (int i = 0; i < dead; i++) {
            letters.add(new BulkWriter.DeadLetter(null, "poison"));
        }
        return new WritesInFlight.Write(offsets, records, letters, done);
    }

    @Test
    void aLaterPollWrittenFirstIsCommittedOnlyWithTheEarlierOne() throws Exception {
        // Given two polls being written, the first to offset 10 of partition 0, the second to 20 of partitions 0 and 1
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        writes.add(write(Map.of(P0, 10L), 10, 0, first));
        writes.add(write(Map.of(P0, 20L, P1, 5L), 15, 1, second));
        assertThat(writes.isFull()).isTrue();

        // When the second finishes first, nothing may be committed yet
        second.complete(null);
        assertThat(writes.takeFinished().offsets()).isEmpty();
        assertThat(writes.awaitOldest(Duration.ofMillis(10))).isFalse();

        // Then once the first finishes too, both are committed at once, with the later offsets and both counts
        first.complete(null);
        WritesInFlight.Finished finished = writes.takeFinished();
        assertThat(finished.offsets())
                .containsOnly(Map.entry(P0, new OffsetAndMetadata(20)), Map.entry(P1, new OffsetAndMetadata(5)));
        assertThat(finished.indexed()).isEqualTo(10 + 14);
        assertThat(finished.deadLettered()).isEqualTo(1);
        assertThat(writes.isEmpty()).isTrue();
    }

    @Test
    void aFailedWriteIsNeverCommitted() {
        // Given a write that failed (the indexer is stopping)
        CompletableFuture<Void> failed = new CompletableFuture<>();
        writes.add(write(Map.of(P0, 10L), 10, 0, failed));
        failed.completeExceptionally(new IllegalStateException("stopping"));

        // Then taking it fails instead of handing out its offsets
        assertThatThrownBy(writes::takeFinished).isInstanceOf(ExecutionException.class);
    }

    @Test
    void noMoreWritesThanAllowedAndTheEndsOfAPoll() {
        // Given as many writes as allowed
        writes.add(write(Map.of(P0, 1L), 1, 0, new CompletableFuture<>()));
        writes.add(write(Map.of(P0, 2L), 1, 0, new CompletableFuture<>()));

        // Then one more is refused
        assertThatThrownBy(() -> writes.add(write(Map.of(P0, 3L), 1, 0, new CompletableFuture<>())))
                .isInstanceOf(IllegalStateException.class);

        // And a poll ends after the last record of each partition
        ConsumerRecords<String, String> poll = new ConsumerRecords<>(Map.of(
                P0,
                        List.of(
                                new ConsumerRecord<>(Topics.TRACES, 0, 4, "k", "v"),
                                new ConsumerRecord<>(Topics.TRACES, 0, 7, "k", "v")),
                P1, List.of(new ConsumerRecord<>(Topics.TRACES, 1, 0, "k", "v"))));
        assertThat(ConsumerLoop.ends(poll))
                .containsOnly(Map.entry(P0, new OffsetAndMetadata(8)), Map.entry(P1, new OffsetAndMetadata(1)));
    }
}
