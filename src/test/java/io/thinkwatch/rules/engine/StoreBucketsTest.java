package io.thinkwatch.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.thinkwatch.rules.evaluators.SlidingWindow.Bucket;

import com.fasterxml.jackson.databind.ObjectMapper;

class StoreBucketsTest {

    private KeyValueStore<String, Bucket> store;

    @BeforeEach
    void open() {
        store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore("buckets"),
                        Serdes.String(),
                        new JsonSerde<>(new ObjectMapper(), Bucket.class))
                .withLoggingDisabled()
                .build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    private static Bucket bucket(long start) {
        return new Bucket(start, 1, 1, 0);
    }

    @Test
    void rangeReturnsTheBucketsOfItsSpanOldestFirst() {
        // Given buckets stored out of order, one of them before the epoch
        StoreBuckets buckets = new StoreBuckets(store, "r1|rate_window|app-a");
        for (long start : List.of(30_000L, -15_000L, 0L, 15_000L, 45_000L)) {
            buckets.put(bucket(start));
        }

        // When a span is read
        List<Bucket> found = buckets.range(-15_000, 45_000);

        // Then it holds the buckets that start in it, oldest first, the span's end excluded
        assertThat(found).extracting(Bucket::start).containsExactly(-15_000L, 0L, 15_000L, 30_000L);
    }

    @Test
    void aGroupNeverReadsAnotherGroupsBuckets() {
        // Given two groups where the key of one is the key of the other followed by what looks like a bucket start
        StoreBuckets plain = new StoreBuckets(store, "r1|rate_window|a");
        StoreBuckets lookalike = new StoreBuckets(store, "r1|rate_window|a|09223372036854775808");
        plain.put(bucket(0));
        lookalike.put(bucket(0));
        lookalike.put(bucket(15_000));

        // When the first group reads and trims all of its buckets
        List<Bucket> found = plain.range(Long.MIN_VALUE, Long.MAX_VALUE);
        plain.removeBefore(Long.MAX_VALUE);

        // Then it saw only its own, and the other group keeps both of its buckets
        assertThat(found).hasSize(1);
        assertThat(lookalike.range(Long.MIN_VALUE, Long.MAX_VALUE)).hasSize(2);
    }

    @Test
    void removeBeforeKeepsTheBucketAtItsBound() {
        // Given three buckets
        StoreBuckets buckets = new StoreBuckets(store, "r1|spend_window|app-a");
        for (long start : List.of(0L, 15_000L, 30_000L)) {
            buckets.put(bucket(start));
        }

        // When the buckets before 15 s are removed
        buckets.removeBefore(15_000);

        // Then the bucket at 15 s and the newer one stay
        assertThat(buckets.range(Long.MIN_VALUE, Long.MAX_VALUE))
                .extracting(Bucket::start)
                .containsExactly(15_000L, 30_000L);
    }
}
