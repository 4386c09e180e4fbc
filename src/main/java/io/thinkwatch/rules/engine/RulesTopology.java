package io.thinkwatch.rules.engine;

import java.time.Duration;
import java.util.function.Supplier;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

import io.thinkwatch.model.Finding;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.platform.Topics;
import io.thinkwatch.rules.EvaluationErrors;
import io.thinkwatch.rules.RuleSet;
import io.thinkwatch.rules.evaluators.SlidingWindow;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code thinkwatch.traces} → route (per-call rules, by trace partition) → repartition by rule and group →
 * findings (stateful rules, de-duplication) → {@code thinkwatch.findings}, keyed by finding id.
 */
public final class RulesTopology {

    /** Name of the repartition step; its topic is {@code <application id>-rule-groups-repartition}. */
    static final String REPARTITION = "rule-groups";

    private RulesTopology() {}

    /**
     * How the topology keeps its state.
     *
     * @param findingRetention how long a finding stays updatable after its window ended
     * @param stateRetention how long untouched group state is kept
     * @param allowedLateness how far behind its group's newest call a call is still counted into window rules
     * @param tracePartitions partitions of {@code thinkwatch.traces}: window state is trimmed only once each of them
     *        has reported its progress (docs/decisions/0010-window-watermark.md)
     * @param persistent RocksDB stores (production) or in-memory ones (tests, benchmarks); both are backed by
     *        changelog topics and restored from them
     */
    public record Settings(
            Duration findingRetention,
            Duration stateRetention,
            Duration allowedLateness,
            int tracePartitions,
            boolean persistent) {}

    public static Topology build(
            ObjectMapper mapper, Supplier<RuleSet> rules, EvaluationErrors errors, Settings settings) {
        boolean persistent = settings.persistent();
        JsonSerde<RuleInput> inputSerde = new JsonSerde<>(mapper, RuleInput.class);
        JsonSerde<Finding> findingSerde = new JsonSerde<>(mapper, Finding.class);
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                store(FindingProcessor.STATE_STORE, persistent),
                Serdes.String(),
                new JsonSerde<>(mapper, StoredState.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                store(FindingProcessor.BUCKET_STORE, persistent),
                Serdes.String(),
                new JsonSerde<>(mapper, SlidingWindow.Bucket.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                store(FindingProcessor.FINDING_STORE, persistent), Serdes.String(), findingSerde));
        builder.stream(
                        Topics.TRACES,
                        Consumed.with(Serdes.String(), new JsonSerde<>(mapper, TraceEvent.class))
                                .withName("traces"))
                .process(() -> new RouteProcessor(mapper, rules, errors), Named.as("route"))
                .repartition(Repartitioned.with(Serdes.String(), inputSerde).withName(REPARTITION))
                .process(
                        () -> new FindingProcessor(mapper, rules, errors, settings),
                        Named.as("find"),
                        FindingProcessor.STATE_STORE,
                        FindingProcessor.BUCKET_STORE,
                        FindingProcessor.FINDING_STORE)
                .to(
                        Topics.FINDINGS,
                        Produced.with(Serdes.String(), findingSerde).withName("findings"));
        return builder.build();
    }

    private static KeyValueBytesStoreSupplier store(String name, boolean persistent) {
        return persistent ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
    }
}
