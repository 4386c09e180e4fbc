package io.thinkwatch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/** Which id this instance joins consumer groups under, and the session it keeps there. */
class GroupMemberTest {

    @Test
    void aConfiguredInstanceIdWinsOverTheHostName() {
        // Given an instance id in the configuration and a HOSTNAME
        // When the id is resolved
        Optional<String> id = GroupMember.instanceId(Optional.of("indexer-a"), "pod-7f9c", () -> "host");

        // Then the configured one is used
        assertThat(id).contains("indexer-a");
    }

    @Test
    void withoutConfigurationThePodNameIsTheInstanceId() {
        // Given no configured id and HOSTNAME set, as in a Kubernetes pod (kept across restarts of its containers)
        // When the id is resolved
        Optional<String> id = GroupMember.instanceId(Optional.empty(), "thinkwatch-indexer-0", () -> "host");

        // Then it is HOSTNAME
        assertThat(id).contains("thinkwatch-indexer-0");
    }

    @Test
    void withoutHostnameVariableTheHostsNameIsTheInstanceId() {
        // Given no configured id and no HOSTNAME variable (a shell does not export it)
        // When the id is resolved
        Optional<String> id = GroupMember.instanceId(Optional.empty(), null, () -> "build-7");

        // Then the host's name is used
        assertThat(id).contains("build-7");
    }

    @Test
    void noneTurnsStaticMembershipOff() {
        // Given the id "none"
        Optional<String> id = GroupMember.instanceId(Optional.of("none"), "pod", () -> "host");

        // When the consumer settings are made
        var settings = GroupMember.settings(id);

        // Then the consumer joins as a dynamic member, with the short session all the same
        assertThat(id).isEmpty();
        assertThat(settings)
                .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000);
    }

    @Test
    void charactersKafkaRefusesInAnInstanceIdAreReplaced() {
        // Given a host name with characters Kafka refuses in group.instance.id
        // When the id is resolved
        Optional<String> id = GroupMember.instanceId(Optional.empty(), null, () -> "my host:8080/a");

        // Then they are replaced by dashes
        assertThat(id).contains("my-host-8080-a");
    }

    @Test
    void aMemberHeartbeatsThreeTimesPerSession() {
        // Given a static member
        // When its consumer settings are made
        var settings = GroupMember.settings(Optional.of("indexer-a"));

        // Then it is known by its id, and two heartbeats may be lost before its session ends
        assertThat(settings)
                .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "indexer-a")
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000)
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
    }
}
