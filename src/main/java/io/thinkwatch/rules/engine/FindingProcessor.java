package io.thinkwatch.rules.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import io.thinkwatch.model.Finding;
import io.thinkwatch.platform.Topics;
import io.thinkwatch.rules.CompiledRule;
import io.thinkwatch.rules.EvaluationErrors;
import io.thinkwatch.rules.FindingMerge;
import io.thinkwatch.rules.RuleSet;
import io.thinkwatch.rules.evaluators.Match;
import io.thinkwatch.rules.evaluators.SlidingWindow;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Stage two, on the partition of the rule and group: runs stateful evaluators against their changelog-backed
 * state, folds every match into the finding of its window ({@code findings} store) and publishes the updated
 * finding. A punctuation on stream time removes findings whose window closed long ago and idle group state.
 *
 * <p>A group's calls reach this stage from every partition of {@code thinkwatch.traces}, each partition in order but
 * at its own pace: while one is behind (a backlog, a replay), the others' calls run hours ahead of it. The watermark,
 * the least progress of the partitions, tells window state how far back to keep its buckets, so the calls of the
 * partition behind are still counted when they come (docs/decisions/0010-window-watermark.md). A partition this
 * processor has not heard from yet counts as not started: until every partition has reported, nothing is trimmed
 * by time. It is kept in memory, so after a restart or rebalance it waits for every partition again.
 */
final class FindingProcessor implements Processor<String, RuleInput, String, Finding> {

    static final String STATE_STORE = "rule-state";
    static final String BUCKET_STORE = "rule-buckets";
    static final String FINDING_STORE = "findings";
    private static final Logger LOG = Logger.getLogger(FindingProcessor.class);

    private final ObjectMapper mapper;
    private final Supplier<RuleSet> rules;
    private final EvaluationErrors errors;
    private final Duration findingRetention;
    private final Duration stateRetention;
    private final Duration allowedLateness;
    private final int partitions;
    private ProcessorContext<String, Finding> context;
    private KeyValueStore<String, StoredState> states;
    private KeyValueStore<String, SlidingWindow.Bucket> buckets;
    private KeyValueStore<String, Finding> findings;
    private final Map<Integer, Instant> progress = new HashMap<>();
    /** The next lag of the partition furthest behind that is worth a log line (doubles each time). */
    private Duration reportedLag = Duration.ofHours(1);

    FindingProcessor(
            ObjectMapper mapper, Supplier<RuleSet> rules, EvaluationErrors errors, RulesTopology.Settings settings) {
        this.mapper = mapper;
        this.rules = rules;
        this.errors = errors;
        this.findingRetention = settings.findingRetention();
        this.stateRetention = settings.stateRetention();
        this.allowedLateness = settings.allowedLateness();
        this.partitions = settings.tracePartitions();
    }

    @Override
    public void init(ProcessorContext<String, Finding> context) {
        this.context = context;
        this.states = context.getStateStore(STATE_STORE);
        this.buckets = context.getStateStore(BUCKET_STORE);
        this.findings = context.getStateStore(FINDING_STORE);
        context.schedule(Duration.ofMinutes(10), PunctuationType.STREAM_TIME, this::cleanUp);
    }

    @Override
    public void process(Record<String, RuleInput> record) {
        RuleInput input = record.value();
        CompiledRule rule = input == null ? null : rules.get().get(input.ruleId());
        if (input != null && input.partition() != null && input.partitionTime() != null) {
            progress.merge(input.partition(), input.partitionTime(), (a, b) -> b.isAfter(a) ? b : a);
            reportLag();
        }
        if (rule == null) {
            return;
        }
        try {
            Match match = input.match();
            if (match == null && rule.kind().stateful()) {
                String stateKey = input.ruleId() + "|" + rule.kind().wire() + "|" + input.groupKey();
                Optional<Match> found = rule.evaluator()
                        .evaluate(
                                input.trace(),
                                input.at(),
                                new StoreGroupState(
                                        states, buckets, mapper, stateKey, input.at(), allowedLateness, watermark()));
                match = found.orElse(null);
            }
            if (match == null) {
                return;
            }
            String findingId = FindingMerge.findingId(rule, input.groupKey(), input.at());
            Finding before = findings.get(findingId);
            Finding after = FindingMerge.merge(before, rule, input.groupKey(), input.trace(), input.at(), match);
            if (!after.equals(before)) {
                findings.put(findingId, after);
                context.forward(record.withKey(findingId).withValue(after));
            }
        } catch (RuntimeException e) {
            errors.record(rule.id(), e);
        }
    }

    /** The least progress of the partitions; the epoch while one of them has not reported any yet. */
    private Instant watermark() {
        if (progress.isEmpty() || progress.size() < partitions) {
            return Instant.EPOCH;
        }
        return progress.values().stream().min(Instant::compareTo).orElseThrow();
    }

    /**
     * Logs when the partition furthest behind first lags the one furthest ahead by 1 h, 2 h, 4 h, ... of event
     * time: window state is held back that far (up to {@code SlidingWindow}'s longest wait).
     */
    private void reportLag() {
        if (progress.size() < partitions) {
            return;
        }
        Map.Entry<Integer, Instant> behind =
                progress.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
        Instant ahead = progress.values().stream().max(Instant::compareTo).orElseThrow();
        Duration lag = Duration.between(behind.getValue(), ahead);
        if (lag.compareTo(reportedLag) < 0) {
            return;
        }
        LOG.infof(
                "Rule engine task %s: partition %d of %s is %s of event time behind the partition furthest ahead "
                        + "(%s, %s); window state is kept back to it",
                context.taskId(), behind.getKey(), Topics.TRACES, lag, behind.getValue(), ahead);
        while (reportedLag.compareTo(lag) <= 0) {
            reportedLag = reportedLag.multipliedBy(2);
        }
    }

    private void cleanUp(long streamTime) {
        Instant now = Instant.ofEpochMilli(streamTime);
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, Finding> all = findings.all()) {
            while (all.hasNext()) {
                KeyValue<String, Finding> entry = all.next();
                if (entry.value.windowEnd().plus(findingRetention).isBefore(now)) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(findings::delete);
        expired.clear();
        try (KeyValueIterator<String, StoredState> all = states.all()) {
            while (all.hasNext()) {
                KeyValue<String, StoredState> entry = all.next();
                if (entry.value.touchedAt().plus(stateRetention).isBefore(now)) {
                    expired.add(entry.key);
                }
            }
        }
        for (String key : expired) {
            states.delete(key);
            new StoreBuckets(buckets, key).removeBefore(Long.MAX_VALUE);
        }
    }
}
