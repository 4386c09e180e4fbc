package io.thinkwatch.capture;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.platform.Topics;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Publishes traces to {@code thinkwatch.traces} off the request path. Building a trace and handing it to
 * the producer happen on one publisher thread, so neither JSON work nor a Kafka that blocks on metadata
 * can slow a proxied call; a full queue drops the trace and counts it.
 */
@ApplicationScoped
public class TracePublisher {

    private static final Logger LOG = Logger.getLogger(TracePublisher.class);

    private final KafkaProducer<String, byte[]> producer;
    private final ObjectMapper mapper;
    private final ThreadPoolExecutor worker;
    private final Counter published;
    private final Counter failed;
    private final Counter dropped;

    public TracePublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, ObjectMapper mapper,
            CaptureConfig config, MeterRegistry registry) {
        this.mapper = mapper;
        this.producer = new KafkaProducer<>(producerConfig(kafka), new StringSerializer(), new ByteArraySerializer());
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(config.publishQueue()),
                runnable -> new Thread(runnable, "thinkwatch-trace-publisher"),
                (runnable, executor) -> dropped());
        this.published = registry.counter("thinkwatch.traces.published");
        this.failed = registry.counter("thinkwatch.traces.failed");
        this.dropped = registry.counter("thinkwatch.traces.dropped");
        registry.gauge("thinkwatch.traces.queued", worker.getQueue(), java.util.Collection::size);
    }

    static Map<String, Object> producerConfig(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "thinkwatch-capture");
        return config;
    }

    /** Builds the trace on the publisher thread and sends it; never blocks the caller. */
    public void publish(Supplier<TraceEvent> trace) {
        worker.execute(() -> send(trace));
    }

    /**
     * Queues traces that are already built (direct ingest), all or none: false when the queue has no room
     * for them, so the caller can refuse the batch instead of losing part of it.
     */
    public synchronized boolean offer(java.util.List<TraceEvent> traces) {
        if (worker.getQueue().remainingCapacity() < traces.size()) {
            return false;
        }
        traces.forEach(trace -> worker.execute(() -> send(() -> trace)));
        return true;
    }

    private void send(Supplier<TraceEvent> supplier) {
        TraceEvent trace;
        byte[] value;
        try {
            trace = supplier.get();
            value = mapper.writeValueAsBytes(trace);
        } catch (RuntimeException | JsonProcessingException e) {
            failed.increment();
            LOG.errorf("Could not build a trace: %s", e.toString());
            return;
        }
        try {
            producer.send(new ProducerRecord<>(Topics.TRACES, trace.traceId(), value), (metadata, error) -> {
                if (error == null) {
                    published.increment();
                } else {
                    failed.increment();
                    LOG.warnf("Trace %s not published: %s", trace.traceId(), error.toString());
                }
            });
        } catch (RuntimeException e) {
            failed.increment();
            LOG.warnf("Trace %s not published: %s", trace.traceId(), e.toString());
        }
    }

    private void dropped() {
        dropped.increment();
        LOG.warn("Trace publish queue is full; a trace was dropped");
    }

    @PreDestroy
    void close() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
        producer.close(Duration.ofSeconds(10));
    }
}
