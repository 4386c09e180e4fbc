package io.thinkwatch.platform;

import java.time.Duration;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/** How a consumer that cannot take records now (its write is retried) stays a member of its group. */
public final class GroupMembership {

    private GroupMembership() {}

    /**
     * Polls with every partition paused, so the group keeps this member during a long retry. A rebalance in that
     * poll may hand over partitions that are not paused; their records are put back by seeking, so nothing is
     * skipped, and those partitions are paused too. Resume with {@code consumer.resume(consumer.paused())}.
     */
    public static void keep(Consumer<?, ?> consumer) {
        if (consumer.subscription().isEmpty()) {
            return;
        }
        consumer.pause(consumer.assignment());
        ConsumerRecords<?, ?> unexpected = consumer.poll(Duration.ZERO);
        for (TopicPartition partition : unexpected.partitions()) {
            consumer.seek(partition, unexpected.records(partition).get(0).offset());
        }
        consumer.pause(consumer.assignment());
    }
}
