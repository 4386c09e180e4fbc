package io.thinkwatch.security.checkpoint;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.jboss.logging.Logger;

import io.thinkwatch.platform.Topics;
import io.thinkwatch.security.AuditCheckpoint;
import io.thinkwatch.security.AuditLog;
import io.thinkwatch.security.ChainGrowth;

/**
 * One round of checkpoints: for each tenant whose chain grew past its latest checkpoint and verifies from it, sends
 * (tenant, seq, hash, time, key id) and keeps it in the book once Kafka acknowledged it. A failed send ends the round;
 * the next round sends it again. Idempotent: several console instances may send the same checkpoint, which says the
 * same thing twice. Rounds are not concurrent (the caller runs one at a time).
 */
final class CheckpointPublisher {

    private static final Logger LOG = Logger.getLogger(CheckpointPublisher.class);

    private final Producer<String, String> producer;
    private final CheckpointBook book;
    private final Chains chains;
    private final CheckpointCodec codec;
    private final Clock clock;
    private final Duration sendTimeout;
    /** The last refusal logged per tenant, so a broken chain is logged once, not every round. */
    private final Map<String, String> refused = new HashMap<>();

    CheckpointPublisher(
            Producer<String, String> producer,
            CheckpointBook book,
            Chains chains,
            CheckpointCodec codec,
            Clock clock,
            Duration sendTimeout) {
        this.producer = producer;
        this.book = book;
        this.chains = chains;
        this.codec = codec;
        this.clock = clock;
        this.sendTimeout = sendTimeout;
    }

    /** Where the chains' growth is read: {@link AuditLog#grown}, given each tenant's latest checkpoint. */
    @FunctionalInterface
    interface Chains {
        List<ChainGrowth> grown(Function<String, Optional<AuditCheckpoint>> latest);
    }

    /** Sends the checkpoints due; returns how many Kafka acknowledged. */
    int publish() {
        int sent = 0;
        for (ChainGrowth grown : chains.grown(book::latest)) {
            if (grown instanceof ChainGrowth.Refused r) {
                logOnce(r);
            } else if (grown instanceof ChainGrowth.Head head && isNew(head)) {
                refused.remove(head.tenant());
                AuditCheckpoint checkpoint =
                        new AuditCheckpoint(head.tenant(), head.seq(), head.hash(), clock.instant(), head.keyId());
                if (!send(checkpoint)) {
                    return sent;
                }
                book.add(checkpoint);
                sent++;
            }
        }
        return sent;
    }

    private boolean isNew(ChainGrowth.Head head) {
        return book.latest(head.tenant()).map(c -> c.seq() < head.seq()).orElse(true);
    }

    private void logOnce(ChainGrowth.Refused r) {
        if (!r.why().equals(refused.put(r.tenant(), r.why()))) {
            LOG.errorf(
                    "The audit chain of tenant %s does not verify from its last checkpoint, so it is not checkpointed: %s",
                    r.tenant(), r.why());
        }
    }

    private boolean send(AuditCheckpoint checkpoint) {
        try {
            producer.send(new ProducerRecord<>(Topics.AUDIT_CHECKPOINTS, checkpoint.tenant(), codec.write(checkpoint)))
                    .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.warnf(
                    "Could not write the audit checkpoint of tenant %s to %s yet (tried again next round): %s",
                    checkpoint.tenant(), Topics.AUDIT_CHECKPOINTS, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
