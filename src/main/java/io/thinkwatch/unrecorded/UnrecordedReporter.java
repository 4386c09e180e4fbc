package io.thinkwatch.unrecorded;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;
import io.thinkwatch.platform.Topics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * On the capture role, sends the {@link UnrecordedTally}'s counts to {@code thinkwatch.unrecorded-calls} every
 * {@code thinkwatch.capture.unrecorded-report-interval}, one record per tenant and kind, keyed by tenant. A count Kafka
 * does not take is added back for the next report; the Prometheus counter is exact either way.
 */
@ApplicationScoped
public class UnrecordedReporter {

    private static final Logger LOG = Logger.getLogger(UnrecordedReporter.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);

    private final Roles roles;
    private final Map<String, Object> kafka;
    private final UnrecordedTally tally;
    private final ObjectMapper mapper;
    private final String instance;
    private final Clock clock = Clock.systemUTC();
    private volatile Producer<String, String> producer;

    public UnrecordedReporter(
            Roles roles,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            UnrecordedTally tally,
            ObjectMapper mapper,
            @ConfigProperty(name = "thinkwatch.capture.instance") String instance) {
        this.roles = roles;
        this.kafka = kafka;
        this.tally = tally;
        this.mapper = mapper;
        this.instance = instance;
    }

    void onStart(@Observes StartupEvent event) {
        if (!roles.has(Role.CAPTURE)) {
            return;
        }
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "thinkwatch-unrecorded-calls");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis() - 1000);
        producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    @Scheduled(
            every = "${thinkwatch.capture.unrecorded-report-interval}",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void everyInterval() {
        if (producer != null) {
            report();
        }
    }

    /** Sends the counts since the last report; returns how many records were sent. */
    int report() {
        List<UnrecordedCount> counts = tally.drain(instance, clock.instant());
        for (UnrecordedCount count : counts) {
            String value;
            try {
                value = mapper.writeValueAsString(count);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            try {
                var unused = producer.send(
                        new ProducerRecord<>(Topics.UNRECORDED_CALLS, count.tenant(), value), (meta, error) -> {
                            if (error != null) {
                                tally.restore(List.of(count));
                                LOG.debugf(
                                        "Unrecorded-call counts not sent, kept for the next report: %s",
                                        error.toString());
                            }
                        });
            } catch (KafkaException e) {
                tally.restore(List.of(count));
                LOG.debugf("Unrecorded-call counts not sent, kept for the next report: %s", e.toString());
            }
        }
        return counts.size();
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            report();
            producer.close(SEND_TIMEOUT);
        }
    }
}
