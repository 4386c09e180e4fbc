package io.thinkwatch.monitor;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.thinkwatch.model.EventTime;
import io.thinkwatch.model.Finding;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.monitor.judge.JudgeClient;
import io.thinkwatch.monitor.judge.JudgeEndpoints;
import io.thinkwatch.monitor.judge.ModelJudge;
import io.thinkwatch.monitor.judge.SpendLedger;
import io.thinkwatch.platform.ConsumerLoop;
import io.thinkwatch.platform.GroupMember;
import io.thinkwatch.platform.KafkaTopicsSetup;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;
import io.thinkwatch.platform.Topics;
import io.thinkwatch.rules.RuleBook;
import io.thinkwatch.rules.RuleErrors;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The {@code monitor} role: reads {@code thinkwatch.traces} in its own consumer group, off the request path, judges
 * each call's visible reasoning ({@link Monitor}) and sends the findings to {@code thinkwatch.findings}. A poll's
 * offsets are committed only after Kafka acknowledged every finding of it; finding ids are deterministic, so a poll
 * judged again after a crash sends the same findings, which every consumer of the topic takes as the same ones.
 * Rules of {@code judge: model} are asked of the tenant's model judge ({@link ModelRound}): while it is down the
 * poll's write is retried and its offsets held, so verdicts are late, never lost (decision 0041).
 */
@ApplicationScoped
public class MonitorRole {

    private static final Logger LOG = Logger.getLogger(MonitorRole.class);

    private ConsumerLoop<byte[]> loop;
    private KafkaProducer<String, byte[]> producer;
    private KafkaClientMetrics consumerMetrics;
    private final Map<Monitor.Outcome, Counter> calls = new HashMap<>();
    private Counter flagged;
    private Counter unreadable;
    private ModelJudge modelJudge;
    private ExecutorService judgeThreads;

    void start(
            @Observes StartupEvent event,
            Roles roles,
            MonitorConfig config,
            RuleBook book,
            RuleErrors errors,
            ObjectMapper mapper,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            KafkaTopicsSetup topics,
            GroupMember member,
            MeterRegistry registry,
            // Looked up only where the monitor runs: a capture-only instance has no database (CaptureOnlyIT)
            Instance<JudgeEndpoints> endpoints,
            Instance<SpendLedger> ledger) {
        if (!roles.has(Role.MONITOR)) {
            return;
        }
        for (Monitor.Outcome outcome : Monitor.Outcome.values()) {
            calls.put(
                    outcome,
                    Counter.builder("thinkwatch.monitor.calls")
                            .description("Calls read by the monitor, by outcome (no_reasoning: in scope, not judged)")
                            .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                            .register(registry));
        }
        flagged = registry.counter("thinkwatch.monitor.findings");
        unreadable = registry.counter("thinkwatch.monitor.unreadable");
        topics.ensureTopics(Duration.ofSeconds(10));
        book.reload();
        producer =
                new KafkaProducer<>(producerConfig(kafka, config), new StringSerializer(), new ByteArraySerializer());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                consumerConfig(kafka, member.settings(), config),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        // The group's lag is a metric: kafka.consumer.fetch.manager.records.lag.max and its per-partition peers
        consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(registry);
        MonitorConfig.Judge judgeConfig = config.judge();
        JudgeClient client = new JudgeClient(
                HttpClient.newBuilder().connectTimeout(judgeConfig.timeout()).build(), mapper, judgeConfig.timeout());
        modelJudge = new ModelJudge(
                endpoints.get()::settings,
                ledger.get(),
                client::call,
                judgeConfig,
                Clock.systemUTC(),
                reason -> registry.counter("thinkwatch.monitor.judge.failed.attempts", "reason", reason)
                        .increment());
        judgeThreads = Executors.newFixedThreadPool(judgeConfig.threads(), r -> {
            Thread thread = new Thread(r, "thinkwatch-monitor-judge");
            thread.setDaemon(true);
            return thread;
        });
        registry.gauge("thinkwatch.monitor.judge.breakers.open", modelJudge, ModelJudge::openBreakers);
        loop = new ConsumerLoop<>("Reasoning monitor", consumer, records -> {
            List<Monitor.ForModel> forModel = new ArrayList<>();
            List<Finding> findings = judge(records, book, errors, mapper, forModel);
            ModelRound round = new ModelRound(
                    forModel,
                    modelJudge,
                    judgeThreads,
                    outcome -> registry.counter("thinkwatch.monitor.judge.calls", "outcome", outcome)
                            .increment(),
                    Clock.systemUTC(),
                    judgeConfig.maxHold());
            return () -> {
                ModelRound.Decided decided = forModel.isEmpty() ? null : round.run();
                List<Finding> all = new ArrayList<>(findings);
                List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
                if (decided != null) {
                    all.addAll(decided.findings());
                    for (TraceEvent call : decided.judgeCalls()) {
                        out.add(new ProducerRecord<>(Topics.TRACES, call.traceId(), json(mapper, call)));
                    }
                }
                for (Finding finding : all) {
                    out.add(new ProducerRecord<>(Topics.FINDINGS, finding.findingId(), json(mapper, finding)));
                }
                send(out, all.size(), config.sendTimeout());
            };
        });
        loop.start(Topics.TRACES, topics, config.pollTimeout(), config.retryInitialDelay(), config.retryMaxDelay());
    }

    static Map<String, Object> consumerConfig(
            Map<String, Object> kafka, Map<String, Object> membership, MonitorConfig config) {
        Map<String, Object> props = GroupMember.consumerSettings(membership, kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxBatch());
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "thinkwatch-monitor");
        return props;
    }

    static Map<String, Object> producerConfig(Map<String, Object> kafka, MonitorConfig config) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "thinkwatch-monitor");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        int timeout = (int) config.sendTimeout().toMillis();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1_000, timeout - 1_000));
        return props;
    }

    private List<Finding> judge(
            ConsumerRecords<String, byte[]> records,
            RuleBook book,
            RuleErrors errors,
            ObjectMapper mapper,
            List<Monitor.ForModel> forModel) {
        List<Finding> findings = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            TraceEvent trace;
            try {
                trace = mapper.readValue(record.value(), TraceEvent.class);
                if (trace == null || trace.traceId() == null) {
                    throw new IOException("a trace needs a traceId");
                }
            } catch (IOException | RuntimeException e) {
                // The indexer sends unreadable traces to the dead-letter topic; the monitor only skips them
                unreadable.increment();
                LOG.debugf(
                        "Monitor skipped an unreadable trace at %s-%d@%d",
                        record.topic(), record.partition(), record.offset());
                continue;
            }
            Instant at = EventTime.published(trace, Instant.ofEpochMilli(record.timestamp()));
            Monitor.Judgement judgement = Monitor.judge(book.get(), trace, at, errors);
            calls.get(judgement.outcome()).increment();
            findings.addAll(judgement.findings());
            forModel.addAll(judgement.forModel());
        }
        return findings;
    }

    /** Sends the poll's findings and the judge's own calls; returns once Kafka acknowledged every one. */
    private void send(List<ProducerRecord<String, byte[]>> records, int findings, Duration timeout) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
        for (ProducerRecord<String, byte[]> record : records) {
            sends.add(producer.send(record));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending findings", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("findings not acknowledged by Kafka: " + e, e);
        }
        flagged.increment(findings);
    }

    private static byte[] json(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a finding or trace always writes", e);
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (loop != null) {
            loop.stop();
        }
        if (consumerMetrics != null) {
            consumerMetrics.close();
        }
        if (judgeThreads != null) {
            judgeThreads.shutdownNow();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
