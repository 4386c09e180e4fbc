package io.thinkwatch.rules.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.thinkwatch.platform.GroupMember;
import io.thinkwatch.platform.KafkaTopicsSetup;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;
import io.thinkwatch.platform.Topics;
import io.thinkwatch.rules.RuleBook;
import io.thinkwatch.rules.RuleErrors;
import io.thinkwatch.rules.RulesConfig;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Owns the rule engine's {@link KafkaStreams} instance: started on startup only when the {@code rules} role is
 * active, closed with a bounded wait on shutdown. Plain Kafka Streams rather than the Quarkus extension, which
 * would start a topology on every instance whatever its roles (docs/decisions/0004-rule-engine.md).
 */
@ApplicationScoped
public class RulesEngine {

    private static final Logger LOG = Logger.getLogger(RulesEngine.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final RulesConfig config;
    private final RuleBook book;
    private final RuleErrors errors;
    private final ObjectMapper mapper;
    private final Map<String, Object> kafka;
    private final MeterRegistry registry;
    private final KafkaTopicsSetup topics;
    private final GroupMember member;
    private KafkaStreams streams;
    private KafkaStreamsMetrics metrics;

    public RulesEngine(
            RulesConfig config,
            RuleBook book,
            RuleErrors errors,
            ObjectMapper mapper,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            MeterRegistry registry,
            KafkaTopicsSetup topics,
            GroupMember member) {
        this.config = config;
        this.book = book;
        this.errors = errors;
        this.mapper = mapper;
        this.kafka = kafka;
        this.registry = registry;
        this.topics = topics;
        this.member = member;
    }

    void onStart(@Observes StartupEvent event, Roles roles) {
        if (!roles.has(Role.RULES)) {
            return;
        }
        topics.ensureTopics(Duration.ofSeconds(10));
        try {
            book.reload();
        } catch (RuntimeException e) {
            LOG.warnf("Rules not loaded yet, the engine starts without them and retries: %s", e.toString());
        }
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts the engine; it resumes from its committed offsets and restores its state from the changelogs. */
    public synchronized void start() {
        if (streams != null) {
            return;
        }
        int tracePartitions = topics.partitions(Topics.TRACES, Duration.ofSeconds(10));
        streams = new KafkaStreams(
                RulesTopology.build(
                        mapper,
                        book,
                        errors,
                        new RulesTopology.Settings(
                                config.findingRetention(),
                                config.stateRetention(),
                                config.allowedLateness(),
                                tracePartitions,
                                true)),
                properties(kafka, member.settings(), config));
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Rule engine thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(registry);
        streams.start();
        LOG.infof(
                "Rule engine started as %s over %d partitions of %s, state in %s",
                config.applicationId(), tracePartitions, Topics.TRACES, stateDir(config));
    }

    /** Closes the engine with a bounded wait; its transactions are committed or aborted, never half-written. */
    public synchronized void stop() {
        if (streams == null) {
            return;
        }
        metrics.close();
        // Leaving the group, also as a static member: the tasks move to the other instances now, not after a session
        if (!streams.close(
                new KafkaStreams.CloseOptions().timeout(CLOSE_TIMEOUT).leaveGroup(true))) {
            LOG.warnf("Rule engine did not close within %s", CLOSE_TIMEOUT);
        }
        streams = null;
    }

    /** Closes and starts the engine again, as a restart of the process would. */
    public void restart() {
        stop();
        start();
    }

    /** The engine's state, or null when it is not running in this instance. */
    public synchronized KafkaStreams.State state() {
        return streams == null ? null : streams.state();
    }

    static Properties properties(Map<String, Object> kafka, Map<String, Object> membership, RulesConfig config) {
        Properties props = new Properties();
        // Instance id and session for the group member, the main consumer (Kafka Streams adds each thread's index to
        // the instance id); the application's own Kafka settings win
        membership.forEach((key, value) -> {
            if (!kafka.containsKey(key)) {
                props.put(StreamsConfig.mainConsumerPrefix(key), value);
            }
        });
        props.putAll(kafka);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir(config).toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueProcessingExceptionHandler.class);
        props.putAll(config.streams());
        return props;
    }

    private static Path stateDir(RulesConfig config) {
        return Path.of(config.stateDir()).toAbsolutePath();
    }
}
