package io.thinkwatch.security.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.thinkwatch.platform.Topics;
import io.thinkwatch.security.AuditCheckpoint;
import io.thinkwatch.security.ChainGrowth;
import io.thinkwatch.testing.FakeClock;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The publisher's rounds against Kafka's {@link MockProducer}: a grown chain is checkpointed once, an unchanged one
 * not again, a failed send is sent again next round, and a chain that does not verify is never checkpointed.
 */
class CheckpointPublisherTest {

    private static final Instant NOW = Instant.parse("2026-12-06T21:00:00Z");
    private final MockProducer<String, String> kafka =
            new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
    private final CheckpointBook book = new CheckpointBook();
    private final CheckpointCodec codec = new CheckpointCodec(new ObjectMapper());
    private final FakeClock clock = new FakeClock(NOW);
    /** What the chains say, as AuditLog.grown would: the head of each tenant past its latest checkpoint. */
    private final List<ChainGrowth> chains = new ArrayList<>();

    /** acme's latest checkpoint as each round saw it when asking the chains. */
    private final List<Optional<Long>> acmeAsked = new ArrayList<>();

    private final CheckpointPublisher publisher =
            new CheckpointPublisher(kafka, book, this::grown, codec, clock, Duration.ofSeconds(1));

    private List<ChainGrowth> grown(Function<String, Optional<AuditCheckpoint>> latest) {
        acmeAsked.add(latest.apply("acme").map(AuditCheckpoint::seq));
        return chains.stream()
                .filter(g -> !(g instanceof ChainGrowth.Head h)
                        || latest.apply(h.tenant()).map(c -> c.seq() < h.seq()).orElse(true))
                .toList();
    }

    private static ChainGrowth.Head head(String tenant, long seq) {
        return new ChainGrowth.Head(tenant, seq, "%064d".formatted(seq), "5e318f8c");
    }

    @Test
    void aGrownChainIsCheckpointedWithTenantSeqHashTimeAndKey() {
        // Given tenant acme's chain grown to entry 7
        chains.add(head("acme", 7));

        // When a round runs
        int sent = publisher.publish();

        // Then one record keyed by the tenant carries the checkpoint, and the book keeps it
        assertThat(sent).isEqualTo(1);
        ProducerRecord<String, String> record = kafka.history().get(0);
        assertThat(record.topic()).isEqualTo(Topics.AUDIT_CHECKPOINTS);
        assertThat(record.key()).isEqualTo("acme");
        AuditCheckpoint expected = new AuditCheckpoint("acme", 7, "%064d".formatted(7), NOW, "5e318f8c");
        assertThat(codec.read(record.value())).contains(expected);
        assertThat(book.latest("acme")).contains(expected);
    }

    @Test
    void anUnchangedChainIsNotCheckpointedAgain() {
        // Given acme checkpointed at entry 7 in an earlier round
        chains.add(head("acme", 7));
        publisher.publish();
        clock.advance(Duration.ofMinutes(1));

        // When the next round runs and the chain has not grown
        int sent = publisher.publish();

        // Then nothing more is sent
        assertThat(sent).isZero();
        assertThat(kafka.history()).hasSize(1);
    }

    @Test
    void aFailedSendIsSentAgainNextRound() {
        // Given Kafka refusing the first send
        chains.add(head("acme", 7));
        kafka.sendException = new TimeoutException("no metadata after 1000 ms");
        assertThat(publisher.publish()).isZero();
        assertThat(book.latest("acme")).isEmpty();
        kafka.sendException = null;

        // When the next round runs
        int sent = publisher.publish();

        // Then the checkpoint is sent then
        assertThat(sent).isEqualTo(1);
        assertThat(book.latest("acme")).map(AuditCheckpoint::seq).contains(7L);
    }

    @Test
    void aChainGrownAgainIsCheckpointedAtItsNewHead() {
        // Given acme checkpointed at entry 7
        chains.add(head("acme", 7));
        publisher.publish();

        // When it grows to 9 and a round runs
        chains.set(0, head("acme", 9));
        int sent = publisher.publish();

        // Then entry 9 is checkpointed, and the chains were asked from the book's latest
        assertThat(sent).isEqualTo(1);
        assertThat(book.of("acme")).extracting(AuditCheckpoint::seq).containsExactly(9L, 7L);
        assertThat(acmeAsked).containsExactly(Optional.empty(), Optional.of(7L));
    }

    @Test
    void aChainThatDoesNotVerifyIsNotCheckpointedButOthersAre() {
        // Given acme's chain refused (edited since its checkpoint) and globex grown
        chains.add(new ChainGrowth.Refused("acme", "edited at entry 5: ..."));
        chains.add(head("globex", 2));

        // When a round runs
        int sent = publisher.publish();

        // Then only globex is checkpointed
        assertThat(sent).isEqualTo(1);
        assertThat(kafka.history()).extracting(ProducerRecord::key).containsExactly("globex");
        assertThat(book.latest("acme")).isEmpty();
    }
}
