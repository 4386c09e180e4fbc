package io.thinkwatch.security.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.Test;

import io.thinkwatch.platform.RestartBackoff;
import io.thinkwatch.platform.Topics;
import io.thinkwatch.security.AuditCheckpoint;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The follower reads the topic into the book, skips what is not a checkpoint, and says when it has read it all. */
class CheckpointFollowerTest {

    private final CheckpointCodec codec = new CheckpointCodec(new ObjectMapper());

    @Test
    void theTopicsCheckpointsReachTheBookWhichIsThenCaughtUp() {
        // Given a topic holding two checkpoints of acme and a record that is not one
        AuditCheckpoint first =
                new AuditCheckpoint("acme", 3, "a".repeat(64), Instant.parse("2026-12-06T20:00:00Z"), "k1");
        AuditCheckpoint second =
                new AuditCheckpoint("acme", 8, "b".repeat(64), Instant.parse("2026-12-06T20:01:00Z"), "k1");
        MockConsumer<String, String> topic = new MockConsumer<>("earliest");
        topic.updateBeginningOffsets(Map.of(CheckpointFollower.PARTITION, 0L));
        topic.updateEndOffsets(Map.of(CheckpointFollower.PARTITION, 3L));
        topic.schedulePollTask(() -> {
            topic.addRecord(new ConsumerRecord<>(Topics.AUDIT_CHECKPOINTS, 0, 0, "acme", codec.write(first)));
            topic.addRecord(new ConsumerRecord<>(Topics.AUDIT_CHECKPOINTS, 0, 1, "acme", "not json"));
            topic.addRecord(new ConsumerRecord<>(Topics.AUDIT_CHECKPOINTS, 0, 2, "acme", codec.write(second)));
        });
        CheckpointBook book = new CheckpointBook();

        // When the follower reads it
        try (CheckpointFollower follower = new CheckpointFollower(() -> topic, book, codec, Duration.ofMillis(10))
                .start(new RestartBackoff(Duration.ofMillis(10), Duration.ofMillis(10)))) {
            await().atMost(Duration.ofSeconds(10)).until(book::caughtUp);
        }

        // Then the book holds both checkpoints, newest first
        assertThat(book.of("acme")).containsExactly(second, first);
        assertThat(book.latest("acme")).contains(second);
    }
}
