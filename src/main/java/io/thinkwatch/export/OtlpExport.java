package io.thinkwatch.export;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.thinkwatch.model.Finding;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.platform.ConsumerLoop;
import io.thinkwatch.platform.GroupMember;
import io.thinkwatch.platform.KafkaTopicsSetup;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;
import io.thinkwatch.platform.Topics;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The export role: reads {@code thinkwatch.traces} and {@code thinkwatch.findings} (one consumer group each, off every
 * request path) and sends each trace as a GenAI span, and each finding's verdict on each call as an evaluation event,
 * through the OpenTelemetry SDK's OTLP/HTTP exporter. Offsets are committed after the endpoint took a poll's spans; while
 * it refuses, the same spans are tried again with backoff and Kafka keeps the rest (bounded by the topic's retention).
 */
@ApplicationScoped
public class OtlpExport {

    private static final Logger LOG = Logger.getLogger(OtlpExport.class);

    private SpanExport export;
    private ConsumerLoop<byte[]> traces;
    private ConsumerLoop<byte[]> findings;
    private Counter unreadable;
    private Counter unplaced;
    /** (finding, call) pairs whose verdict was exported, so a finding published again exports only its new calls. */
    private final Set<String> evaluated = bounded(100_000);

    /** The SDK's exporter for the configured protocol; a wrong or missing setting stops the start, saying which. */
    static SpanExporter exporter(ExportConfig config) {
        String endpoint = config.endpoint()
                .filter(e -> !e.isBlank())
                .orElseThrow(() -> new IllegalStateException(
                        "the export role needs thinkwatch.export.endpoint, the OTLP traces URL "
                                + "(e.g. http://otel-collector:4318/v1/traces, or http://otel-collector:4317 with "
                                + "thinkwatch.export.protocol=grpc)"));
        return switch (config.protocol()) {
            case "http/protobuf" -> {
                OtlpHttpSpanExporterBuilder http = OtlpHttpSpanExporter.builder()
                        .setEndpoint(endpoint)
                        .setTimeout(config.timeout())
                        .setCompression(config.compression());
                config.headers().forEach(http::addHeader);
                yield http.build();
            }
            case "grpc" -> {
                OtlpGrpcSpanExporterBuilder grpc = OtlpGrpcSpanExporter.builder()
                        .setEndpoint(endpoint)
                        .setTimeout(config.timeout())
                        .setCompression(config.compression());
                config.headers().forEach(grpc::addHeader);
                yield grpc.build();
            }
            default ->
                throw new IllegalStateException(
                        "thinkwatch.export.protocol is http/protobuf or grpc, not '" + config.protocol() + "'");
        };
    }

    void start(
            @Observes StartupEvent event,
            Roles roles,
            ExportConfig config,
            ObjectMapper mapper,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            KafkaTopicsSetup topics,
            GroupMember member,
            MeterRegistry registry) {
        if (!roles.has(Role.EXPORT)) {
            return;
        }
        export = new SpanExport(exporter(config), config.timeout(), registry);
        unreadable = registry.counter("thinkwatch.export.records", "outcome", "unreadable");
        unplaced = registry.counter("thinkwatch.export.evaluations", "outcome", "unplaced");
        TraceSpans spans =
                new TraceSpans(mapper, Set.copyOf(config.contentTenants().orElse(List.of())), config.serviceName());
        SpanPlaces places = new SpanPlaces(config.rememberedTraces());

        traces = new ConsumerLoop<>("Trace export", consumer(kafka, member, config, "traces"), records -> {
            List<SpanData> batch = new ArrayList<>();
            for (TraceEvent trace : read(records, mapper, TraceEvent.class)) {
                if (trace.traceId() == null) {
                    unreadable.increment();
                    continue;
                }
                batch.add(spans.span(trace));
                places.remember(trace.traceId(), TraceSpans.otelTraceId(trace));
            }
            return () -> export.send(batch);
        });
        findings = new ConsumerLoop<>("Finding export", consumer(kafka, member, config, "findings"), records -> {
            List<Finding> read = new ArrayList<>();
            for (Finding finding : read(records, mapper, Finding.class)) {
                if (finding.findingId() == null) {
                    unreadable.increment();
                } else {
                    read.add(finding);
                }
            }
            // Placed when written, not when read: a finding read before its call's span was exported waits for it
            // (the write is retried) up to placement-wait after the finding was last seen
            return () -> {
                List<SpanData> batch = new ArrayList<>();
                List<String> keys = new ArrayList<>();
                int unplacedHere = 0;
                for (Finding finding : read) {
                    for (String traceId : TraceSpans.newTraceIds(finding, id -> isEvaluated(finding, id))) {
                        String otelTraceId = places.traceIdOf(traceId);
                        if (otelTraceId == null) {
                            Instant seen = finding.lastSeenAt() == null ? Instant.EPOCH : finding.lastSeenAt();
                            if (Instant.now().isBefore(seen.plus(config.placementWait()))) {
                                throw new IllegalStateException("the call of finding " + finding.findingId()
                                        + " is not exported yet; its evaluation waits for it");
                            }
                            // Not exported here in time: the span of a call made outside an application trace is
                            // found by its derived id; one made inside would be placed wrong, so it is counted.
                            unplacedHere++;
                            otelTraceId = SpanIds.traceId(traceId);
                        }
                        batch.add(spans.evaluation(finding, traceId, otelTraceId));
                        keys.add(finding.findingId() + "\n" + traceId);
                    }
                }
                export.send(batch);
                unplaced.increment(unplacedHere);
                synchronized (evaluated) {
                    evaluated.addAll(keys);
                }
            };
        });
        traces.start(Topics.TRACES, topics, config.pollTimeout(), config.retryInitialDelay(), config.retryMaxDelay());
        findings.start(
                Topics.FINDINGS, topics, config.pollTimeout(), config.retryInitialDelay(), config.retryMaxDelay());
        LOG.infof(
                "Exporting traces and findings as OTLP spans (%s) to %s",
                config.protocol(), config.endpoint().orElse(""));
    }

    /** What health shows; null when this instance does not export. */
    SpanExport.State state() {
        return export == null ? null : export.state();
    }

    private boolean isEvaluated(Finding finding, String traceId) {
        synchronized (evaluated) {
            return evaluated.contains(finding.findingId() + "\n" + traceId);
        }
    }

    private <T> List<T> read(ConsumerRecords<String, byte[]> records, ObjectMapper mapper, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                T value = mapper.readValue(record.value(), type);
                if (value != null) {
                    out.add(value);
                }
            } catch (IOException | RuntimeException e) {
                unreadable.increment();
                LOG.warnf(
                        "Skipped an unreadable record at %s-%d@%d: %s",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        e.getClass().getSimpleName());
            }
        }
        return out;
    }

    private static KafkaConsumer<String, byte[]> consumer(
            Map<String, Object> kafka, GroupMember member, ExportConfig config, String topic) {
        Map<String, Object> props = GroupMember.consumerSettings(member.settings(), kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId() + "-" + topic);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxBatch());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "thinkwatch-export-" + topic);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static Set<String> bounded(int capacity) {
        return java.util.Collections.newSetFromMap(new LinkedHashMap<String, Boolean>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        });
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (traces != null) {
            traces.stop();
        }
        if (findings != null) {
            findings.stop();
        }
        if (export != null) {
            export.close();
        }
    }
}
