package io.thinkwatch.rules.engine;

import static io.thinkwatch.rules.TestRules.MAPPER;
import static io.thinkwatch.rules.TestRules.rule;
import static io.thinkwatch.rules.TraceBuilder.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.thinkwatch.model.Finding;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.platform.Topics;
import io.thinkwatch.rules.CompiledRule;
import io.thinkwatch.rules.EvaluationErrors;
import io.thinkwatch.rules.RuleSet;
import io.thinkwatch.rules.TraceBuilder;
import io.thinkwatch.rules.evaluators.Match;

/** The engine's topology with TopologyTestDriver: de-duplication, windows, baselines, failures. */
class RulesTopologyTest {

    @TempDir
    Path stateDir;

    private final List<String> errors = new ArrayList<>();
    private final EvaluationErrors errorSink = (ruleId, e) -> errors.add(ruleId + ": " + e.getMessage());
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> traces;
    private TestOutputTopic<String, String> findings;

    private void start(CompiledRule... rules) {
        start(1, rules);
    }

    /** Starts the topology as if {@code thinkwatch.traces} had {@code partitions} partitions. */
    private void start(int partitions, CompiledRule... rules) {
        RuleSet set = RuleSet.of(List.of(rules));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        driver = new TopologyTestDriver(
                RulesTopology.build(
                        MAPPER,
                        () -> set,
                        errorSink,
                        new RulesTopology.Settings(
                                Duration.ofDays(2), Duration.ofDays(30), Duration.ofHours(1), partitions, false)),
                props);
        traces = driver.createInputTopic(Topics.TRACES, new StringSerializer(), new StringSerializer());
        findings = driver.createOutputTopic(Topics.FINDINGS, new StringDeserializer(), new StringDeserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private void send(TraceBuilder... calls) {
        for (TraceBuilder builder : calls) {
            TraceEvent trace = builder.build();
            try {
                traces.pipeInput(trace.traceId(), MAPPER.writeValueAsString(trace));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Every finding published, in order. */
    private List<Finding> published() {
        return findings.readKeyValuesToList().stream().map(kv -> read(kv)).toList();
    }

    /** The latest version of each finding. */
    private static Map<String, Finding> latest(List<Finding> all) {
        return all.stream().collect(Collectors.toMap(Finding::findingId, f -> f, (a, b) -> b));
    }

    private static Finding read(KeyValue<String, String> kv) {
        try {
            Finding finding = MAPPER.readValue(kv.value, Finding.class);
            assertThat(kv.key).isEqualTo(finding.findingId());
            return finding;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void repeatedMatchesInOneWindowUpdateOneFinding() {
        // Given an empty-answer rule grouped by app
        start(rule(
                "1",
                "{\"name\":\"empty\",\"kind\":\"empty_answer_after_reasoning\",\"severity\":\"critical\","
                        + "\"groupBy\":[\"app\"],\"channels\":[\"pager\"]}"));

        // When three empty answers of one app arrive within the hour, and one of another app
        send(
                call().exhausted().at("2025-03-04T10:05:00Z"),
                call().exhausted().at("2025-03-04T10:20:00Z"),
                call().exhausted().at("2025-03-04T10:50:00Z"),
                call().exhausted().app("search").at("2025-03-04T10:51:00Z"));

        // Then the first app's finding is published with counts 1, 2, 3 and the other app's once
        List<Finding> all = published();
        assertThat(all).extracting(Finding::count).containsExactly(1L, 2L, 3L, 1L);
        Map<String, Finding> latest = latest(all);
        assertThat(latest).hasSize(2);
        Finding checkout = all.get(2);
        assertThat(checkout.groupKey()).isEqualTo("app=checkout");
        assertThat(checkout.windowStart()).isEqualTo(Instant.parse("2025-03-04T10:00:00Z"));
        assertThat(checkout.firstSeenAt()).isEqualTo(Instant.parse("2025-03-04T10:05:00Z"));
        assertThat(checkout.lastSeenAt()).isEqualTo(Instant.parse("2025-03-04T10:50:00Z"));
        assertThat(checkout.traceIds()).hasSize(3);
        assertThat(checkout.reasoningTokens()).isEqualTo(3 * 8_000L);
        assertThat(checkout.channels()).containsExactly("pager");
    }

    @Test
    void nextWindowFilesANewFinding() {
        // Given a budget rule with a 15 minute de-duplication window
        start(rule("1", "{\"name\":\"budget\",\"kind\":\"budget_exhausted\",\"dedupWindow\":\"15m\"}"));

        // When truncated calls arrive at 10:05 and 10:20
        send(call().exhausted().at("2025-03-04T10:05:00Z"), call().exhausted().at("2025-03-04T10:20:00Z"));

        // Then each window has its own finding
        assertThat(latest(published())).hasSize(2);
    }

    @Test
    void spendWindowFiresOnceTheBudgetIsCrossedAndCountsOn() {
        // Given a reasoning-token budget of 10,000 per app and hour
        start(rule(
                "5",
                "{\"name\":\"spend\",\"kind\":\"spend_window\",\"groupBy\":[\"app\"],"
                        + "\"params\":{\"metric\":\"reasoning_tokens\",\"window\":\"1h\",\"budget\":10000}}"));

        // When an app spends 4,000 three times and then 1,000, and another app spends 4,000
        send(
                call().reasoning(4_000).at("2025-03-04T10:01:00Z"),
                call().reasoning(4_000).at("2025-03-04T10:02:00Z"),
                call().reasoning(4_000).app("search").at("2025-03-04T10:02:30Z"),
                call().reasoning(4_000).at("2025-03-04T10:03:00Z"),
                call().reasoning(1_000).at("2025-03-04T10:04:00Z"));

        // Then one finding for the first app: filed at 12,000 and counted again at 13,000
        List<Finding> all = published();
        assertThat(all).extracting(Finding::count).containsExactly(1L, 2L);
        assertThat(all.get(1).observedValue()).isEqualTo(13_000.0);
        assertThat(all.get(1).threshold()).isEqualTo(10_000.0);
        assertThat(all.get(1).groupKey()).isEqualTo("app=checkout");
    }

    @Test
    void rateWindowNeedsItsMinimumCount() {
        // Given a truncation-rate rule: above 30% of at least 5 calls in 15 minutes
        start(rule(
                "6",
                "{\"name\":\"rate\",\"kind\":\"rate_window\",\"params\":{\"window\":\"15m\",\"threshold\":0.3,"
                        + "\"minCount\":5,\"of\":[\"truncated\"]}}"));

        // When 3 good calls and then 2 truncated ones arrive (2 of 5 = 40%)
        send(
                call().at("2025-03-04T10:01:00Z"),
                call().at("2025-03-04T10:02:00Z"),
                call().at("2025-03-04T10:03:00Z"),
                call().exhausted().at("2025-03-04T10:04:00Z"),
                call().exhausted().at("2025-03-04T10:05:00Z"));

        // Then only the fifth call, when the minimum is reached, is filed
        List<Finding> all = published();
        assertThat(all).hasSize(1);
        assertThat(all.get(0).observedValue()).isEqualTo(0.4);
    }

    private static final String TRUNCATION_RATE = "{\"name\":\"rate\",\"kind\":\"rate_window\",\"groupBy\":[\"app\"],"
            + "\"params\":{\"window\":\"15m\",\"threshold\":0.1,\"minCount\":20,\"of\":[\"truncated\"]}}";

    @Test
    void rateWindowFindsABurstAmongNormalCalls() {
        // Given a truncation-rate rule: above 10% of at least 20 calls in 15 minutes, per app
        start(rule("6", TRUNCATION_RATE));
        Instant start = Instant.parse("2025-03-04T09:00:00Z");

        // When an app calls every 5 minutes for 5 hours, with 30 truncated calls within 10 minutes at 10:10
        List<TraceBuilder> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            calls.add(call().at(start.plus(Duration.ofMinutes(5L * i))));
        }
        for (int i = 0; i < 30; i++) {
            calls.add(call().exhausted().at(start.plus(Duration.ofMinutes(70)).plusSeconds(20L * i)));
        }
        calls.sort(java.util.Comparator.comparing(c -> c.build().completedAt()));
        send(calls.toArray(TraceBuilder[]::new));

        // Then one finding for the burst's hour
        Map<String, Finding> latest = latest(published());
        assertThat(latest).hasSize(1);
        Finding finding = latest.values().iterator().next();
        assertThat(finding.windowStart()).isEqualTo(Instant.parse("2025-03-04T10:00:00Z"));
        assertThat(finding.observedValue()).isGreaterThan(0.1);
    }

    @Test
    void aCallFromAClockYearsAheadDoesNotBlindItsGroupsWindows() {
        // Given the truncation-rate rule, and an app's calls published as they complete, one of which carries
        // a completion time in 2099 (the sender's clock is wrong)
        start(rule("6", TRUNCATION_RATE));
        List<TraceEvent> calls = new ArrayList<>(burstAmongNormalCalls());
        TraceEvent wrongClock = call().at(Instant.parse("2099-01-01T00:00:00Z")).build();

        // When it comes before the burst
        for (TraceEvent trace : calls) {
            if (trace.completedAt().equals(Instant.parse("2025-03-04T10:00:00Z"))) {
                publish(wrongClock, trace.completedAt());
            }
            publish(trace, trace.completedAt());
        }

        // Then the burst is still found: the call counts as published, not as in 2099
        assertThat(latest(published())).hasSize(1);
    }

    /** Publishes a trace with the record time capture would give it. */
    private void publish(TraceEvent trace, Instant publishedAt) {
        try {
            traces.pipeInput(trace.traceId(), MAPPER.writeValueAsString(trace), publishedAt);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Newest event time routed so far per partition of the traces topic, as stage one reports it. */
    private final Map<Integer, Instant> partitionProgress = new java.util.HashMap<>();

    /**
     * Sends a call to stage two as stage one would after reading it from {@code partition} of the traces topic
     * (TopologyTestDriver reads every topic as one partition, so the repartition topic is fed directly).
     */
    private void route(CompiledRule rule, int partition, TraceEvent trace) {
        TestInputTopic<String, String> routed = driver.createInputTopic(
                "test-" + RulesTopology.REPARTITION + "-repartition", new StringSerializer(), new StringSerializer());
        Instant progress = partitionProgress.merge(partition, trace.completedAt(), (a, b) -> b.isAfter(a) ? b : a);
        RuleInput input =
                new RuleInput(rule.id(), rule.groupKey(trace), trace.completedAt(), trace, null, partition, progress);
        try {
            routed.pipeInput(input.key(), MAPPER.writeValueAsString(input), trace.completedAt());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An app that calls every 5 minutes for 5 hours from 09:00, with 30 truncated calls within 10 minutes at 10:10. */
    private static List<TraceEvent> burstAmongNormalCalls() {
        Instant start = Instant.parse("2025-03-04T09:00:00Z");
        List<TraceEvent> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            calls.add(call().at(start.plus(Duration.ofMinutes(5L * i))).build());
        }
        for (int i = 0; i < 30; i++) {
            calls.add(call().exhausted()
                    .at(start.plus(Duration.ofMinutes(70)).plusSeconds(20L * i))
                    .build());
        }
        calls.sort(java.util.Comparator.comparing(TraceEvent::completedAt));
        return calls;
    }

    @Test
    void rateWindowCountsTheBurstOfAPartitionThatIsBehind() {
        // Given the truncation-rate rule, and calls of one app read from two partitions of the traces topic
        CompiledRule rule = rule("6", TRUNCATION_RATE);
        start(2, rule);
        List<TraceEvent> calls = burstAmongNormalCalls();
        List<TraceEvent> first = new ArrayList<>();
        List<TraceEvent> second = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            (i % 2 == 0 ? first : second).add(calls.get(i));
        }

        // When partition 1 delivers its first call, partition 0 all of its calls (five hours, half of the burst),
        // and only then partition 1 the rest, as when one partition's task falls behind
        route(rule, 1, second.get(0));
        first.forEach(trace -> route(rule, 0, trace));
        second.subList(1, second.size()).forEach(trace -> route(rule, 1, trace));

        // Then the burst is found once the late partition's half of it is counted with the rest
        Map<String, Finding> latest = latest(published());
        assertThat(latest).hasSize(1);
        assertThat(latest.values().iterator().next().windowStart()).isEqualTo(Instant.parse("2025-03-04T10:00:00Z"));
    }

    @Test
    void rateWindowCountsTheBurstOfAPartitionDaysBehind() {
        // Given the truncation-rate rule, and an app that calls every 5 minutes for five days from 09:00 with 30
        // truncated calls at 10:10, read from two partitions: partition 1 holds the first call and half of the burst
        CompiledRule rule = rule("6", TRUNCATION_RATE);
        start(2, rule);
        Instant start = Instant.parse("2025-03-04T09:00:00Z");
        List<TraceEvent> behind = new ArrayList<>(List.of(call().at(start).build()));
        List<TraceEvent> ahead = new ArrayList<>();
        for (int i = 1; i < 5 * 24 * 12; i++) {
            ahead.add(call().at(start.plus(Duration.ofMinutes(5L * i))).build());
        }
        for (int i = 0; i < 30; i++) {
            (i % 2 == 0 ? behind : ahead)
                    .add(call().exhausted()
                            .at(start.plus(Duration.ofMinutes(70)).plusSeconds(20L * i))
                            .build());
        }
        ahead.sort(java.util.Comparator.comparing(TraceEvent::completedAt));

        // When partition 0 delivers its five days (1,440 buckets of the group) before partition 1 its half of the burst
        route(rule, 1, behind.get(0));
        ahead.forEach(trace -> route(rule, 0, trace));
        assertThat(published())
                .as("half of the burst stays below the minimum count")
                .isEmpty();
        behind.subList(1, behind.size()).forEach(trace -> route(rule, 1, trace));

        // Then the two halves are counted together and the burst is found
        Map<String, Finding> latest = latest(published());
        assertThat(latest).hasSize(1);
        assertThat(latest.values().iterator().next().windowStart()).isEqualTo(Instant.parse("2025-03-04T10:00:00Z"));
    }

    /**
     * The calls of {@link #burstAmongNormalCalls()} over three partitions: normal calls round robin, every other call
     * of the burst on partition 2, so that neither partition 2 alone nor partitions 0 and 1 together reach the
     * rule's minimum of 20 calls in 15 minutes.
     */
    private static Map<Integer, List<TraceEvent>> overThreePartitions() {
        Map<Integer, List<TraceEvent>> parts = Map.of(0, new ArrayList<>(), 1, new ArrayList<>(), 2, new ArrayList<>());
        int normal = 0;
        int burst = 0;
        for (TraceEvent trace : burstAmongNormalCalls()) {
            if (Boolean.TRUE.equals(trace.truncated())) {
                parts.get(burst % 2 == 0 ? 2 : burst % 4 == 1 ? 0 : 1).add(trace);
                burst++;
            } else {
                parts.get(normal++ % 3).add(trace);
            }
        }
        return parts;
    }

    @Test
    void rateWindowWaitsForAPartitionNotYetHeardFrom() {
        // Given the truncation-rate rule over three partitions of the traces topic
        CompiledRule rule = rule("6", TRUNCATION_RATE);
        start(3, rule);
        Map<Integer, List<TraceEvent>> parts = overThreePartitions();

        // When partitions 0 and 1 deliver five hours of calls with half of the burst before partition 2 has
        // delivered anything (its task started late), and then partition 2 its calls with the other half
        parts.get(0).forEach(trace -> route(rule, 0, trace));
        parts.get(1).forEach(trace -> route(rule, 1, trace));
        parts.get(2).forEach(trace -> route(rule, 2, trace));

        // Then both halves are counted together and the burst is found
        Map<String, Finding> latest = latest(published());
        assertThat(latest).hasSize(1);
        assertThat(latest.values().iterator().next().windowStart()).isEqualTo(Instant.parse("2025-03-04T10:00:00Z"));
    }

    @Test
    void rateWindowWaitsForEveryPartitionAgainAfterARestart() {
        // Given the truncation-rate rule over three partitions, each of which has delivered its first call
        CompiledRule rule = rule("6", TRUNCATION_RATE);
        start(3, rule);
        Map<Integer, List<TraceEvent>> parts = overThreePartitions();
        for (int partition = 0; partition < 3; partition++) {
            route(rule, partition, parts.get(partition).get(0));
        }

        // When the engine restarts (state restored, the watermark only in memory), partitions 0 and 1 deliver the
        // rest of their calls and only then partition 2
        restartKeepingState(rule);
        parts.get(0).subList(1, parts.get(0).size()).forEach(trace -> route(rule, 0, trace));
        parts.get(1).subList(1, parts.get(1).size()).forEach(trace -> route(rule, 1, trace));
        parts.get(2).subList(1, parts.get(2).size()).forEach(trace -> route(rule, 2, trace));

        // Then the burst is found: after the restart nothing was trimmed before partition 2 reported again
        Map<String, Finding> latest = latest(published());
        assertThat(latest).hasSize(1);
        assertThat(latest.values().iterator().next().windowStart()).isEqualTo(Instant.parse("2025-03-04T10:00:00Z"));
    }

    /** Closes the driver and starts a new one over a copy of its state stores, as a restored restart would. */
    private void restartKeepingState(CompiledRule rule) {
        Map<String, List<KeyValue<String, Object>>> stores = new java.util.HashMap<>();
        for (String name :
                List.of(FindingProcessor.STATE_STORE, FindingProcessor.BUCKET_STORE, FindingProcessor.FINDING_STORE)) {
            List<KeyValue<String, Object>> entries = new ArrayList<>();
            driver.<String, Object>getKeyValueStore(name).all().forEachRemaining(entries::add);
            stores.put(name, entries);
        }
        driver.close();
        start(3, rule);
        stores.forEach(
                (name, entries) -> driver.<String, Object>getKeyValueStore(name).putAll(entries));
    }

    @Test
    void baselineLearnsPerAppAndModelThenFlagsAnOutlier() {
        // Given a baseline rule with a warm-up of 50 calls
        start(rule(
                "7",
                "{\"name\":\"baseline\",\"kind\":\"baseline_deviation\",\"params\":{\"warmUp\":50,"
                        + "\"sampleSize\":100,\"factor\":3}}"));
        Instant start = Instant.parse("2025-03-04T10:00:00Z");

        // When one group makes 60 calls of 1,000 to 2,000 tokens, then a 10,000-token call; another group's first
        // calls are as large
        for (int i = 0; i < 60; i++) {
            send(call().reasoning(1_000 + i * 1_000L / 60).at(start.plusSeconds(i)));
        }
        send(call().reasoning(10_000).at(start.plusSeconds(61)));
        for (int i = 0; i < 10; i++) {
            send(call().model("o4-mini").reasoning(10_000).at(start.plusSeconds(70 + i)));
        }

        // Then only the outlier of the warmed-up group is flagged
        List<Finding> all = published();
        assertThat(all).hasSize(1);
        assertThat(all.get(0).groupKey()).isEqualTo("app=checkout|model=o3");
        assertThat(all.get(0).observedValue()).isEqualTo(10_000.0);
    }

    @Test
    void failingRuleIsCountedAndOthersGoOn() {
        // Given a rule whose evaluator throws, and a working rule
        CompiledRule working = rule("2", "{\"name\":\"budget\",\"kind\":\"budget_exhausted\"}");
        CompiledRule broken = rule("3", "{\"name\":\"broken\",\"kind\":\"budget_exhausted\"}");
        start(
                working,
                new CompiledRule(
                        broken.id(),
                        1,
                        broken.tenant(),
                        broken.name(),
                        broken.kind(),
                        broken.severity(),
                        broken.scope(),
                        broken.groupBy(),
                        broken.dedupWindow(),
                        broken.channels(),
                        (trace, at, state) -> {
                            throw new IllegalStateException("boom");
                        }));

        // When two truncated calls arrive
        send(call().exhausted(), call().exhausted());

        // Then both errors are counted against the broken rule, and the working rule filed its finding
        assertThat(errors).containsExactly("3: boom", "3: boom");
        assertThat(published()).extracting(Finding::ruleId).containsExactly("2", "2");
    }

    @Test
    void unreadableTraceIsSkipped() {
        // Given a budget rule
        start(rule("2", "{\"name\":\"budget\",\"kind\":\"budget_exhausted\"}"));

        // When a record that is not a trace arrives before a truncated call
        traces.pipeInput("x", "not json");
        send(call().exhausted());

        // Then the engine goes on and files the finding
        assertThat(published()).hasSize(1);
    }

    @Test
    void otherTenantsAndScopesAreNotJudged() {
        // Given a rule of tenant t1 scoped to model o3
        start(rule("2", "{\"name\":\"budget\",\"kind\":\"budget_exhausted\",\"scope\":{\"model\":\"o3\"}}"));

        // When truncated calls of another tenant and of another model arrive
        send(call().exhausted().tenant("t2"), call().exhausted().model("o4-mini"));

        // Then nothing is filed
        assertThat(published()).isEmpty();
    }

    @Test
    void findingsCarryNoContent() throws Exception {
        // Given a content rule over answers
        start(rule("4", "{\"name\":\"secrets\",\"kind\":\"content_match\",\"params\":{\"pattern\":\"sk-[a-z]{10}\"}}"));

        // When an answer leaks a key
        send(call().answer("the key is sk-abcdefghij"));

        // Then the finding names the field but holds no text of the answer
        List<KeyValue<String, String>> raw = findings.readKeyValuesToList();
        assertThat(raw).hasSize(1);
        assertThat(raw.get(0).value)
                .contains("answer matches the rule's pattern")
                .doesNotContain("sk-abcdefghij");
        assertThat(Optional.of(new Match(null, null, "x"))).isPresent();
    }
}
