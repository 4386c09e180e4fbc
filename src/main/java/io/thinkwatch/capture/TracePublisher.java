package io.thinkwatch.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.platform.Topics;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Publishes traces to {@code thinkwatch.traces} off the request path, and never loses one to a Kafka outage.
 * One publisher thread builds each trace and hands it to an idempotent {@code acks=all} producer. When Kafka
 * stops answering (a send unanswered for {@code spool.after}, or failed), new traces go to the on-disk
 * {@link TraceSpool} instead, behind those already there; the same thread sends the spool in order once
 * Kafka answers again, removing records only after Kafka acknowledged them, and goes back to sending directly
 * when the spool is empty. Traces in memory (the queue, the producer's buffer) are lost only if the process
 * dies without its shutdown, which spools them.
 */
@ApplicationScoped
public class TracePublisher {

    private static final Logger LOG = Logger.getLogger(TracePublisher.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Duration DROP_LOG_INTERVAL = Duration.ofSeconds(10);
    /** Room in a record for the key, headers and batch framing besides the trace itself. */
    private static final int RECORD_HEADROOM = 1024;

    /** A serialized trace on its way to Kafka. */
    private record Outgoing(String key, byte[] value) {
    }

    private final KafkaProducer<String, byte[]> producer;
    private final ObjectMapper mapper;
    private final RecordFit fit;
    private final TraceSpool spool;
    private final BlockingQueue<Supplier<List<TraceEvent>>> queue;
    private final ExecutorService thread;
    private final PublisherMetrics metrics;
    private final CaptureMetrics captureMetrics;
    private final long spoolAfterNanos;
    private final int drainBatch;

    /** Direct sends Kafka has not answered yet, and when it last answered one. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long lastProgress = System.nanoTime();
    /** Direct sends that failed, waiting to be spooled by the publisher thread. */
    private final ConcurrentLinkedQueue<Outgoing> failedSends = new ConcurrentLinkedQueue<>();

    // State of the publisher thread.
    private volatile boolean spooling;
    private volatile boolean spoolFull;
    private volatile boolean running = true;
    private SpoolDrain drain;
    /** Keys sent from the spool and acknowledged, but still in it behind a record that failed. */
    private final Set<String> sentAhead = new HashSet<>();
    private long nextDrainAt;
    private Duration backoff = Duration.ofMillis(200);
    private boolean probe;
    private long lastDropLog;
    private long dropsSinceLog;

    public TracePublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, ObjectMapper mapper,
            CaptureConfig config, MeterRegistry registry, CaptureMetrics captureMetrics) throws IOException {
        this.mapper = mapper;
        this.captureMetrics = captureMetrics;
        Map<String, Object> producerConfig = producerConfig(kafka);
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        this.fit = new RecordFit(mapper, Integer.parseInt(String.valueOf(producerConfig.get(
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG))) - RECORD_HEADROOM, config.maxTextChars());
        this.spool = TraceSpool.open(Path.of(config.spool().dir()), config.spool().maxSize().asLongValue());
        this.queue = new ArrayBlockingQueue<>(config.publishQueue());
        this.spoolAfterNanos = config.spool().after().toNanos();
        this.drainBatch = config.spool().batch();
        this.metrics = new PublisherMetrics(registry, queue, spool);
        if (!spool.isEmpty()) {
            spooling = true;
            LOG.infof("The spool holds %d traces (%d bytes) from an earlier run; they are sent first",
                    spool.records(), spool.bytes());
        }
        this.thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "thinkwatch-trace-publisher"));
        thread.execute(this::run);
    }

    static Map<String, Object> producerConfig(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        // A send must not hold the publisher thread: without metadata it fails fast and the trace is spooled.
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
        // Unsent records come back (to the spool) after this, instead of waiting in memory for two minutes.
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "thinkwatch-capture");
        config.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_048_576);
        return config;
    }

    /** Builds the trace on the publisher thread and sends it; never blocks the caller. */
    public void publish(Supplier<TraceEvent> trace) {
        if (!queue.offer(() -> List.of(trace.get()))) {
            drop("queue_full", 1);
        }
    }

    /**
     * Queues traces that are already built (direct ingest), all or none: false when the queue is full, so the
     * caller can refuse the batch instead of losing part of it.
     */
    public boolean offer(List<TraceEvent> traces) {
        return queue.offer(() -> traces);
    }

    /** What health reports. */
    public State state() {
        return new State(spooling, spoolFull, spool.records(), spool.bytes(), metrics.dropped());
    }

    /** Publisher health: spooling means Kafka is not taking traces; full means traces are being dropped. */
    public record State(boolean spooling, boolean spoolFull, int spoolRecords, long spoolBytes, double dropped) {
    }

    private void run() {
        List<Supplier<List<TraceEvent>>> items = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Supplier<List<TraceEvent>> first = queue.poll(20, TimeUnit.MILLISECONDS);
                if (first != null) {
                    items.add(first);
                    queue.drainTo(items, 999);
                    items.forEach(this::handle);
                    items.clear();
                }
                tick();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.errorf("Trace publisher error: %s", e.toString());
            }
        }
    }

    /** The periodic part: spool failed sends, notice a silent Kafka, send the spool. */
    private void tick() {
        for (Outgoing failed; (failed = failedSends.poll()) != null;) {
            spooling = true;
            toSpool(failed);
        }
        long now = System.nanoTime();
        if (!spooling && inFlight.get() > 0 && now - lastProgress > spoolAfterNanos) {
            spooling = true;
            LOG.warnf("Kafka has not answered for %d ms; traces go to the spool until it does",
                    TimeUnit.NANOSECONDS.toMillis(now - lastProgress));
        }
        drainSpool(now);
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
            Outgoing out;
            try {
                out = new Outgoing(trace.traceId(), fit.serialize(trace));
            } catch (IOException | RuntimeException e) {
                metrics.failed();
                LOG.errorf("Could not serialize trace %s: %s", trace.traceId(), e.toString());
                continue;
            }
            if (spooling || !spool.isEmpty()) {
                toSpool(out);
            } else {
                sendDirect(out);
            }
        }
    }

    private void sendDirect(Outgoing out) {
        if (inFlight.getAndIncrement() == 0) {
            lastProgress = System.nanoTime();
        }
        try {
            producer.send(new ProducerRecord<>(Topics.TRACES, out.key(), out.value()), (metadata, error) -> {
                lastProgress = System.nanoTime();
                inFlight.decrementAndGet();
                if (error == null) {
                    metrics.published(1);
                } else if (permanent(error)) {
                    metrics.failed();
                    LOG.errorf("Trace %s can never be published: %s", out.key(), error.toString());
                } else {
                    // Set here too, since a send without metadata fails inside send(): the next trace is spooled
                    // instead of waiting max.block.ms as well.
                    spooling = true;
                    failedSends.add(out);
                }
            });
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            if (permanent(e)) {
                metrics.failed();
                LOG.errorf("Trace %s can never be published: %s", out.key(), e.toString());
            } else {
                spooling = true;
                toSpool(out);
            }
        }
    }

    private void toSpool(Outgoing out) {
        try {
            if (spool.add(out.key(), out.value())) {
                metrics.spooled();
                if (spoolFull) {
                    spoolFull = false;
                    LOG.info("The spool has room again");
                }
                return;
            }
        } catch (IOException e) {
            LOG.errorf("Could not write to the spool: %s", e.toString());
        }
        spoolFull = true;
        drop("spool_full", 1);
    }

    private void drop(String reason, int count) {
        metrics.dropped(reason, count);
        dropsSinceLog += count;
        long now = System.nanoTime();
        if (now - lastDropLog > DROP_LOG_INTERVAL.toNanos()) {
            LOG.errorf("Dropped %d trace(s) (%s): %s", dropsSinceLog, reason, "queue_full".equals(reason)
                    ? "the in-memory publish queue is full" : "the spool is full; raise thinkwatch.capture.spool.max-size");
            lastDropLog = now;
            dropsSinceLog = 0;
        }
    }

    /** Sends the oldest spooled records once the previous batch is answered; removes what Kafka acknowledged. */
    private void drainSpool(long now) {
        if (drain != null) {
            if (!drain.done()) {
                return;
            }
            finishDrain();
        }
        if (spool.isEmpty()) {
            if (spooling && (inFlight.get() == 0 || now - lastProgress <= spoolAfterNanos)) {
                spooling = false;
                LOG.info("Kafka takes traces again and the spool is empty; sending directly");
            }
            return;
        }
        if (now < nextDrainAt) {
            return;
        }
        List<TraceSpool.Spooled> batch = spool.peek(probe ? 1 : drainBatch);
        drain = new SpoolDrain(batch);
        for (int i = 0; i < batch.size(); i++) {
            TraceSpool.Spooled record = batch.get(i);
            if (sentAhead.contains(record.key())) {
                drain.complete(i, null);
                continue;
            }
            int index = i;
            SpoolDrain current = drain;
            Throwable failedNow;
            try {
                producer.send(new ProducerRecord<>(Topics.TRACES, record.key(), record.value()),
                        (metadata, error) -> current.complete(index, error));
                failedNow = current.error(index);
            } catch (RuntimeException e) {
                current.complete(index, e);
                failedNow = e;
            }
            if (failedNow != null && !permanent(failedNow)) {
                // Failed inside send() (no metadata, closed producer): the rest would wait just as long.
                for (int rest = i; rest < batch.size(); rest++) {
                    current.complete(rest, failedNow);
                }
                break;
            }
        }
    }

    private void finishDrain() {
        SpoolDrain done = drain;
        drain = null;
        List<TraceSpool.Spooled> removable = new ArrayList<>();
        boolean gap = false;
        int published = 0;
        for (int i = 0; i < done.records().size(); i++) {
            TraceSpool.Spooled record = done.records().get(i);
            Throwable error = done.error(i);
            boolean sent = error == null && !sentAhead.contains(record.key());
            if (error != null && permanent(error)) {
                metrics.failed();
                LOG.errorf("Spooled trace %s can never be published: %s", record.key(), error.toString());
            } else if (error != null) {
                gap = true;
            }
            published += sent ? 1 : 0;
            if (!gap) {
                removable.add(record);
                sentAhead.remove(record.key());
            } else if (sent) {
                sentAhead.add(record.key());
            }
        }
        metrics.published(published);
        try {
            spool.remove(removable);
        } catch (IOException e) {
            LOG.errorf("Could not remove sent traces from the spool: %s", e.toString());
        }
        if (gap) {
            probe = true;
            nextDrainAt = System.nanoTime() + backoff.toNanos();
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            LOG.warnf("Kafka refused spooled traces (%s); %d traces wait in the spool, next try in %d ms",
                    done.firstError(), spool.records(), backoff.toMillis());
        } else {
            if (probe) {
                LOG.infof("Kafka answers again; sending %d spooled traces", spool.records());
            }
            probe = false;
            backoff = Duration.ofMillis(200);
        }
    }

    /** Errors a retry cannot fix: the record itself is wrong for Kafka. */
    private static boolean permanent(Throwable error) {
        return error instanceof RecordTooLargeException || error instanceof SerializationException
                || error instanceof InvalidTopicException;
    }

    @PreDestroy
    void close() throws InterruptedException {
        running = false;
        thread.shutdown();
        if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
            thread.shutdownNow();
        }
        producer.close(Duration.ofSeconds(10));
        // The producer has answered every send now: what failed goes to the spool for the next start.
        for (Outgoing failed; (failed = failedSends.poll()) != null;) {
            toSpool(failed);
        }
        if (drain != null && drain.done()) {
            finishDrain();
        }
        try {
            spool.close();
        } catch (IOException e) {
            LOG.warnf("Could not close the spool: %s", e.toString());
        }
    }
}
