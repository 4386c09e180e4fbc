package io.thinkwatch.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.thinkwatch.model.TraceEvent;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Publishes traces to {@code thinkwatch.traces} off the request path, and never loses one to a Kafka outage.
 * Request threads only add to the {@link PublishQueue}; one publisher thread builds each trace, serializes it
 * ({@link RecordFit}) and hands it to {@link Delivery}: straight to an idempotent {@code acks=all} producer
 * ({@link DirectSends}), or to the on-disk {@link TraceSpool} while Kafka is away, sent in order by
 * {@link SpoolDrainer} once it answers. Traces in memory (the queue, the producer's buffer) are lost only if
 * the process dies without its shutdown, which spools them.
 */
@ApplicationScoped
public class TracePublisher {

    private static final Logger LOG = Logger.getLogger(TracePublisher.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration MAX_RETRY = Duration.ofSeconds(10);
    private static final Duration DROP_LOG_INTERVAL = Duration.ofSeconds(10);
    /** Room in a record for the key, headers and batch framing besides the trace itself. */
    private static final int RECORD_HEADROOM = 1024;

    private static final int MAX_TAKE = 1000;

    private final KafkaProducer<String, byte[]> producer;
    private final RecordFit fit;
    private final TraceSpool spool;
    private final DropCounter drops;
    private final PublishQueue queue;
    private final Delivery delivery;
    private final ExecutorService thread;
    private final PublisherMetrics metrics;
    private final CaptureMetrics captureMetrics;
    private volatile boolean running = true;

    public TracePublisher(
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            ObjectMapper mapper,
            CaptureConfig config,
            MeterRegistry registry,
            CaptureMetrics captureMetrics)
            throws IOException {
        this.captureMetrics = captureMetrics;
        Map<String, Object> producerConfig = producerConfig(kafka);
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        this.fit = new RecordFit(
                mapper,
                Integer.parseInt(String.valueOf(producerConfig.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)))
                        - RECORD_HEADROOM,
                config.maxTextChars());
        this.spool = TraceSpool.open(
                Path.of(config.spool().dir()), config.spool().maxSize().asLongValue());
        LongSupplier nanos = System::nanoTime;
        this.drops = new DropCounter(registry, nanos, DROP_LOG_INTERVAL);
        this.queue = new PublishQueue(
                config.publishQueue(), config.publishQueueBytes().asLongValue(), drops);
        this.metrics = new PublisherMetrics(registry);
        SpoolDrainer drainer = new SpoolDrainer(
                producer, spool, config.spool().batch(), new RetryWait(FIRST_RETRY, MAX_RETRY), metrics);
        metrics.watch(queue, spool, drainer::retryWait);
        this.delivery = new Delivery(
                new DirectSends(producer, metrics, nanos, config.spool().after().toNanos()),
                drainer,
                spool,
                drops,
                metrics,
                nanos);
        this.thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "thinkwatch-trace-publisher"));
        thread.execute(this::run);
    }

    static Map<String, Object> producerConfig(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // Batches of 20 ms: at 1,000 calls/s a quarter of the produce requests of 5 ms, for capture and for the broker.
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
        // A send must not hold the publisher thread: without metadata it fails fast and the trace is spooled.
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
        // Unsent records come back (to the spool) after this, instead of waiting in memory for two minutes.
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "thinkwatch-capture");
        config.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_048_576);
        return config;
    }

    /**
     * Builds the trace on the publisher thread and sends it; never blocks the caller.
     *
     * @param bytes what the trace holds in memory until it is built (the captured bodies)
     */
    public void publish(Supplier<TraceEvent> trace, long bytes) {
        queue.publish(trace, bytes);
    }

    /**
     * Queues traces that are already built (direct ingest), all or none: false when the queue is full, so the
     * caller can refuse the batch instead of losing part of it. {@code finish} runs on each on the publisher thread.
     */
    public boolean offer(List<TraceEvent> traces, long bytes, UnaryOperator<TraceEvent> finish) {
        return queue.offer(() -> traces.stream().map(finish).toList(), bytes);
    }

    /** What health reports. */
    public State state() {
        return new State(delivery.spooling(), delivery.spoolFull(), spool.records(), spool.bytes(), drops.total());
    }

    /** Publisher health: spooling means Kafka is not taking traces; full means traces are being dropped. */
    public record State(boolean spooling, boolean spoolFull, int spoolRecords, long spoolBytes, double dropped) {}

    private void run() {
        List<Supplier<List<TraceEvent>>> items = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                queue.take(items, 20, MAX_TAKE);
                items.forEach(this::handle);
                items.clear();
                delivery.tick();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                items.clear();
                LOG.errorf("Trace publisher error: %s", e.toString());
            }
        }
    }

    private void handle(Supplier<List<TraceEvent>> item) {
        List<TraceEvent> traces;
        try {
            traces = item.get();
        } catch (RuntimeException e) {
            metrics.failed();
            LOG.errorf("Could not build a trace: %s", e.toString());
            return;
        }
        for (TraceEvent trace : traces) {
            captureMetrics.trace(trace);
            byte[] value;
            try {
                value = fit.serialize(trace);
            } catch (IOException | RuntimeException e) {
                metrics.failed();
                LOG.errorf("Could not serialize trace %s: %s", trace.traceId(), e.toString());
                continue;
            }
            delivery.deliver(new Outgoing(trace.traceId(), value));
        }
    }

    @PreDestroy
    void close() throws InterruptedException {
        running = false;
        thread.shutdown();
        if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
            thread.shutdownNow();
        }
        producer.close(Duration.ofSeconds(10));
        delivery.close();
        try {
            spool.close();
        } catch (IOException e) {
            LOG.warnf("Could not close the spool: %s", e.toString());
        }
    }
}
