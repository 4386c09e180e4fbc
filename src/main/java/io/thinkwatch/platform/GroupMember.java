package io.thinkwatch.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * How this instance joins Kafka consumer groups (decisions/0029-recovery-in-seconds.md): under a stable instance id
 * (static membership), so a restart after a crash takes its partitions back at once, and with a short session, so
 * the group moves the partitions of an instance that does not come back within seconds. A graceful stop leaves the
 * group ({@link #leave}): a static member that only went quiet would keep its partitions for a session.
 */
@Singleton
public class GroupMember {

    /** Kafka's broker-side floor ({@code group.min.session.timeout.ms}); a shorter session is refused. */
    static final int SESSION_TIMEOUT_MS = 6_000;
    /** A third of the session, as Kafka advises: two heartbeats may be lost before the broker gives up. */
    static final int HEARTBEAT_INTERVAL_MS = 2_000;

    private static final Logger LOG = Logger.getLogger(GroupMember.class);
    /** What Kafka accepts in a {@code group.instance.id}. */
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^a-zA-Z0-9._-]");

    private final Optional<String> instanceId;

    GroupMember(@ConfigProperty(name = "thinkwatch.instance-id") Optional<String> configured) {
        this.instanceId = instanceId(configured, System.getenv("HOSTNAME"), GroupMember::hostName);
        LOG.infof(
                "Kafka consumer groups: %s",
                instanceId.map(id -> "static member " + id).orElse("dynamic member (no instance id)"));
    }

    /**
     * This instance's id in consumer groups: the configured one, else {@code HOSTNAME} (a pod's name, kept across
     * restarts of its containers), else the host's name; {@code none} turns static membership off.
     */
    static Optional<String> instanceId(Optional<String> configured, String hostnameVariable, Supplier<String> host) {
        String id = configured.orElseGet(
                () -> hostnameVariable == null || hostnameVariable.isBlank() ? host.get() : hostnameVariable);
        if (id == null || id.isBlank() || id.equals("none")) {
            return Optional.empty();
        }
        return Optional.of(NOT_ALLOWED.matcher(id.strip()).replaceAll("-"));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            LOG.warnf("No host name to use as instance id (%s); consumer groups see a new member after a restart", e);
            return null;
        }
    }

    /** This instance's id in consumer groups, empty when it joins them as a dynamic member. */
    public Optional<String> instanceId() {
        return instanceId;
    }

    /**
     * Consumer settings of a group member: this instance's id, and the session and heartbeat it keeps. Settings the
     * application passes to Kafka ({@code kafka.*}) are meant to win over these: put them in after.
     */
    public Map<String, Object> settings() {
        return settings(instanceId);
    }

    /**
     * A group member's consumer settings to add to: {@code membership} (from {@link #settings()}) under the
     * application's Kafka settings, which win (e.g. {@code kafka.session.timeout.ms}).
     */
    public static Map<String, Object> consumerSettings(Map<String, Object> membership, Map<String, Object> kafka) {
        Map<String, Object> props = new HashMap<>(membership);
        props.putAll(kafka);
        return props;
    }

    static Map<String, Object> settings(Optional<String> instanceId) {
        Map<String, Object> props = new HashMap<>();
        instanceId.ifPresent(id -> props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, HEARTBEAT_INTERVAL_MS);
        return props;
    }

    /**
     * Closes {@code consumer}, leaving its group even as a static member, so its partitions move to the other
     * members now instead of after a session. Waits up to {@code timeout}.
     */
    public static void leave(Consumer<?, ?> consumer, Duration timeout) {
        consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(timeout));
    }
}
