package io.thinkwatch.indexer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * Consumer lag of the indexer group: records in the topic not yet committed (end offset minus committed
 * offset), per assigned partition and in total. Refreshed from the broker at most once per interval, on
 * the consumer's own thread, also while the consumer is paused waiting for OpenSearch.
 */
final class ConsumerLag {

    private static final Logger LOG = Logger.getLogger(ConsumerLag.class);

    private final Duration interval;
    private final AtomicLong total = new AtomicLong();
    private final MultiGauge perPartition;
    private long nextUpdate;

    ConsumerLag(MeterRegistry registry, String group, Duration interval) {
        this.interval = interval;
        Gauge.builder("thinkwatch.indexer.lag", total, AtomicLong::get)
                .description("Records of the traces topic not yet indexed and committed, all assigned partitions")
                .tag("group", group)
                .register(registry);
        this.nextUpdate = System.nanoTime();
        this.perPartition = MultiGauge.builder("thinkwatch.indexer.partition.lag")
                .description("Records of one partition not yet indexed and committed")
                .tag("group", group)
                .register(registry);
    }

    /** The last total read from the broker. */
    long total() {
        return total.get();
    }

    /** Refreshes the gauges when the interval has passed; a broker that does not answer keeps the old values. */
    void update(Consumer<?, ?> consumer) {
        long now = System.nanoTime();
        if (now - nextUpdate < 0) {
            return;
        }
        nextUpdate = now + interval.toNanos();
        Set<TopicPartition> assigned = consumer.assignment();
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, Duration.ofSeconds(2));
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned, Duration.ofSeconds(2));
            long sum = 0;
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (TopicPartition partition : assigned) {
                OffsetAndMetadata done = committed.get(partition);
                long lag = Math.max(0, ends.getOrDefault(partition, 0L) - (done == null ? 0 : done.offset()));
                sum += lag;
                rows.add(MultiGauge.Row.of(
                        Tags.of("topic", partition.topic(), "partition", Integer.toString(partition.partition())),
                        lag));
            }
            total.set(sum);
            perPartition.register(rows, true);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.debugf("Consumer lag not refreshed: %s", e.toString());
        }
    }
}
