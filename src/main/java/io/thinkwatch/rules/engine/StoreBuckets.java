package io.thinkwatch.rules.engine;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import io.thinkwatch.rules.evaluators.SlidingWindow;
import io.thinkwatch.rules.evaluators.WindowBuckets;

/**
 * One group's window buckets in the changelog-backed {@code rule-buckets} store, one entry per bucket. Keys are
 * the group's state key, length first so that no group's keys fall among another's, then the bucket's start as 20
 * digits that sort as the signed number: {@code 12:r1|rate|app-a|09223372036854775808}.
 */
final class StoreBuckets implements WindowBuckets {

    private final KeyValueStore<String, SlidingWindow.Bucket> store;
    private final String prefix;

    StoreBuckets(KeyValueStore<String, SlidingWindow.Bucket> store, String stateKey) {
        this.store = store;
        this.prefix = stateKey.length() + ":" + stateKey + "|";
    }

    @Override
    public List<SlidingWindow.Bucket> range(long from, long to) {
        List<SlidingWindow.Bucket> found = new ArrayList<>();
        if (from >= to) {
            return found;
        }
        try (KeyValueIterator<String, SlidingWindow.Bucket> entries = store.range(key(from), key(to - 1))) {
            entries.forEachRemaining(entry -> found.add(entry.value));
        }
        return found;
    }

    @Override
    public void put(SlidingWindow.Bucket bucket) {
        store.put(key(bucket.start()), bucket);
    }

    @Override
    public void removeBefore(long before) {
        if (before == Long.MIN_VALUE) {
            return;
        }
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, SlidingWindow.Bucket> entries =
                store.range(key(Long.MIN_VALUE), key(before - 1))) {
            entries.forEachRemaining((KeyValue<String, SlidingWindow.Bucket> entry) -> keys.add(entry.key));
        }
        keys.forEach(store::delete);
    }

    private String key(long start) {
        String digits = Long.toUnsignedString(start ^ Long.MIN_VALUE);
        return prefix + "0".repeat(20 - digits.length()) + digits;
    }
}
