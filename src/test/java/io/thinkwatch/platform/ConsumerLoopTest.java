package io.thinkwatch.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The consumer loop's state machine against Kafka's {@link MockConsumer}, on the loop's own thread. */
class ConsumerLoopTest {

    private static final String TOPIC = "findings";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final Duration RETRY = Duration.ofMillis(10);

    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    /** The values of each poll the batch read, in order. */
    private final List<List<String>> reads = new CopyOnWriteArrayList<>();

    private ConsumerLoop<String> loop;

    @AfterEach
    void stop() throws InterruptedException {
        loop.stop();
    }

    @Test
    void aPollIsCommittedOnlyOnceItsWriteSucceeded() throws InterruptedException {
        // Given a write that is under way
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(() -> {
            writing.countDown();
            waitFor(release);
        });
        assigned(P0);
        consumer.schedulePollTask(() -> add(P0, 0, "a"));
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(committed(P0)).isNull();

        // When it succeeds
        release.countDown();

        // Then the poll's end is committed
        await().atMost(Duration.ofSeconds(10)).until(() -> committed(P0) != null);
        assertThat(committed(P0).offset()).isEqualTo(1);
    }

    @Test
    void aFailingWriteIsRetriedWithoutReadingAgainAndKeepsTheGroupMembership() {
        // Given a write that fails three times (the database is away); each attempt notes what is paused
        AtomicInteger attempts = new AtomicInteger();
        List<Set<TopicPartition>> pausedAtAttempt = new CopyOnWriteArrayList<>();
        start(() -> {
            pausedAtAttempt.add(consumer.paused());
            if (attempts.incrementAndGet() <= 3) {
                throw new IllegalStateException("database away");
            }
        });
        assigned(P0);

        // When a poll brings two records
        consumer.schedulePollTask(() -> {
            add(P0, 0, "a");
            add(P0, 1, "b");
        });

        // Then the poll is read once, its write tried until it succeeded with the partitions paused (polled,
        // so the member stays in the group), and committed; the partitions are resumed for the next poll
        await().atMost(Duration.ofSeconds(10)).until(() -> committed(P0) != null);
        assertThat(reads).containsExactly(List.of("a", "b"));
        assertThat(attempts).hasValue(4);
        assertThat(pausedAtAttempt).containsExactly(Set.of(), Set.of(P0), Set.of(P0), Set.of(P0));
        assertThat(committed(P0).offset()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.paused().isEmpty());
    }

    @Test
    void recordsOfAPartitionHandedOverDuringARetryAreReadAfterIt() {
        // Given a write that fails once, and a rebalance that hands this member a second partition with a record
        // during the poll that keeps the membership
        AtomicInteger attempts = new AtomicInteger();
        start(() -> {
            if (attempts.incrementAndGet() == 1) {
                consumer.schedulePollTask(() -> {
                    consumer.rebalance(List.of(P0, P1));
                    add(P1, 0, "handed-over");
                });
                throw new IllegalStateException("database away");
            }
        });
        assigned(P0);

        // When a poll brings a record of the first partition
        consumer.schedulePollTask(() -> add(P0, 0, "a"));

        // Then the handed-over record is not skipped: its partition is put back to it, and only the first
        // partition's poll is committed
        await().atMost(Duration.ofSeconds(10)).until(() -> committed(P0) != null);
        assertThat(reads).containsExactly(List.of("a"));
        assertThat(consumer.position(P1)).isZero();
        assertThat(committed(P1)).isNull();
    }

    @Test
    void anUnexpectedFailureReadsOnFromTheLastCommit() {
        // Given a poll read and committed
        start(() -> {});
        assigned(P0);
        consumer.schedulePollTask(() -> add(P0, 0, "a"));
        await().atMost(Duration.ofSeconds(10)).until(() -> committed(P0) != null);
        assertThat(committed(P0).offset()).isEqualTo(1);

        // When the consumer fails in a way the loop does not expect
        consumer.setPollException(new KafkaException("unexpected"));

        // Then the loop joins the group again and reads on from the commit
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !consumer.subscription().isEmpty()
                        && consumer.assignment().isEmpty());
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            // The broker hands the partition over at the group's commit, 1 (MockConsumer alone would start at 0)
            consumer.seek(P0, 1);
            add(P0, 0, "a");
            add(P0, 1, "b");
        });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> committed(P0) != null && committed(P0).offset() == 2);
        assertThat(reads).containsExactly(List.of("a"), List.of("b"));
    }

    private void start(Runnable write) {
        loop = new ConsumerLoop<>("Test loop", consumer, records -> {
            List<String> values = new ArrayList<>();
            records.forEach(record -> values.add(record.value()));
            reads.add(values);
            return write;
        });
        loop.start(TOPIC, () -> true, Duration.ofMillis(5), RETRY, RETRY.multipliedBy(2));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !consumer.subscription().isEmpty());
    }

    /** The group assigns these partitions to the member, from offset 0. */
    private void assigned(TopicPartition... partitions) {
        consumer.schedulePollTask(() -> {
            consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
            consumer.rebalance(List.of(partitions));
        });
    }

    private void add(TopicPartition partition, long offset, String value) {
        consumer.addRecord(new ConsumerRecord<>(TOPIC, partition.partition(), offset, "k", value));
    }

    private OffsetAndMetadata committed(TopicPartition partition) {
        return consumer.committed(Set.of(partition)).get(partition);
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
