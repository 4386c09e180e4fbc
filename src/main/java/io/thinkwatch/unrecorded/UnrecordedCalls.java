package io.thinkwatch.unrecorded;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.thinkwatch.platform.KafkaTopicsSetup;
import io.thinkwatch.platform.RestartBackoff;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The calls every capture instance forwarded unrecorded in the last hour, on the console role: follows
 * {@code thinkwatch.unrecorded-calls} into an {@link UnrecordedWindow}. Elsewhere the window stays empty.
 */
@ApplicationScoped
public class UnrecordedCalls {

    /** A kind of unrecorded call (method, path shape, upstream) and its calls in the last hour. */
    public record Shape(String method, String shape, String upstream, long calls) {}

    static final Duration SPAN = Duration.ofHours(1);
    private static final Logger LOG = Logger.getLogger(UnrecordedCalls.class);

    private final Roles roles;
    private final Map<String, Object> kafka;
    private final KafkaTopicsSetup topics;
    private final ObjectMapper mapper;
    private final Clock clock = Clock.systemUTC();
    private final UnrecordedWindow window = new UnrecordedWindow(SPAN);
    private volatile UnrecordedFollower follower;

    public UnrecordedCalls(
            Roles roles,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            KafkaTopicsSetup topics,
            ObjectMapper mapper) {
        this.roles = roles;
        this.kafka = kafka;
        this.topics = topics;
        this.mapper = mapper;
    }

    void onStart(@Observes StartupEvent event) {
        if (!roles.has(Role.CONSOLE)) {
            return;
        }
        follower = new UnrecordedFollower(this::consumer, window, this::read, SPAN, clock)
                .start(new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30)));
    }

    /** The tenant's unrecorded calls in the last hour by kind, most first. */
    public List<Shape> lastHour(String tenant) {
        return shapes(window.of(tenant, clock.instant()));
    }

    /** Every tenant's unrecorded calls in the last hour by kind, most first (for operators). */
    public List<Shape> lastHourAllTenants() {
        return shapes(window.all(clock.instant()));
    }

    private static List<Shape> shapes(List<UnrecordedWindow.Total> totals) {
        return totals.stream()
                .map(t -> new Shape(t.method(), t.shape(), t.upstream(), t.calls()))
                .toList();
    }

    private Optional<UnrecordedCount> read(String value) {
        try {
            return Optional.of(mapper.readValue(value, UnrecordedCount.class));
        } catch (JsonProcessingException e) {
            LOG.warnf("Skipped an unreadable unrecorded-call report: %s", e.getOriginalMessage());
            return Optional.empty();
        }
    }

    private Consumer<String, String> consumer() {
        topics.ensureTopics(Duration.ofSeconds(5));
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "thinkwatch-unrecorded-calls");
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
    }

    @PreDestroy
    void close() {
        if (follower != null) {
            follower.close();
        }
    }
}
