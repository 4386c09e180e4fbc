package io.thinkwatch.rules.engine;

import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.streams.state.KeyValueStore;

import io.thinkwatch.rules.evaluators.GroupState;
import io.thinkwatch.rules.evaluators.SlidingWindow;
import io.thinkwatch.rules.evaluators.WindowBuckets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The {@link GroupState} of one group over the changelog-backed {@code rule-state} and {@code rule-buckets} stores. */
final class StoreGroupState implements GroupState {

    private final KeyValueStore<String, StoredState> store;
    private final KeyValueStore<String, SlidingWindow.Bucket> buckets;
    private final ObjectMapper mapper;
    private final String key;
    private final Instant at;
    private final Duration allowedLateness;
    private final Instant watermark;

    StoreGroupState(
            KeyValueStore<String, StoredState> store,
            KeyValueStore<String, SlidingWindow.Bucket> buckets,
            ObjectMapper mapper,
            String key,
            Instant at,
            Duration allowedLateness,
            Instant watermark) {
        this.store = store;
        this.buckets = buckets;
        this.mapper = mapper;
        this.key = key;
        this.at = at;
        this.allowedLateness = allowedLateness;
        this.watermark = watermark;
    }

    @Override
    public Instant watermark() {
        return watermark;
    }

    @Override
    public Duration allowedLateness() {
        return allowedLateness;
    }

    @Override
    public <S> S get(Class<S> type) {
        StoredState stored = store.get(key);
        if (stored == null || stored.state() == null) {
            return null;
        }
        try {
            return mapper.treeToValue(stored.state(), type);
        } catch (JsonProcessingException e) {
            // State of another kind (the rule was edited to a new kind): start afresh.
            return null;
        }
    }

    @Override
    public void put(Object state) {
        store.put(key, new StoredState(at, mapper.valueToTree(state)));
    }

    @Override
    public WindowBuckets buckets() {
        return new StoreBuckets(buckets, key);
    }
}
