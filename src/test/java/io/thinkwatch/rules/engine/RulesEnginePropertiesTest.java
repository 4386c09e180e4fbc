package io.thinkwatch.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import io.thinkwatch.rules.RulesConfig;

/** The Kafka Streams settings of the rule engine, read back as Kafka Streams gives them to its consumers. */
class RulesEnginePropertiesTest {

    private static final Map<String, Object> MEMBERSHIP = Map.of(
            ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "rules-a",
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000,
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);

    @Test
    void eachStreamThreadJoinsTheGroupAsAStaticMemberWithAShortSession() {
        // Given the engine's settings for an instance with an instance id
        StreamsConfig streams = new StreamsConfig(
                RulesEngine.properties(Map.of("bootstrap.servers", "127.0.0.1:1"), MEMBERSHIP, config()));

        // When Kafka Streams makes the consumers of its second thread
        Map<String, Object> main = streams.getMainConsumerConfigs("thinkwatch-rules", "client", 1);
        Map<String, Object> restore = streams.getRestoreConsumerConfigs("client");

        // Then the group member carries the instance id with the thread's index and the short session; the restore
        // consumer, no group member, carries no instance id
        assertThat(main)
                .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "rules-a-1")
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000)
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
        assertThat(restore).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }

    @Test
    void aSessionTimeoutPassedToKafkaWinsOverTheDefault() {
        // Given kafka.session.timeout.ms set by the operator
        StreamsConfig streams = new StreamsConfig(RulesEngine.properties(
                Map.of("bootstrap.servers", "127.0.0.1:1", ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "15000"),
                MEMBERSHIP,
                config()));

        // When Kafka Streams makes its group member
        Map<String, Object> main = streams.getMainConsumerConfigs("thinkwatch-rules", "client", 0);

        // Then the operator's value is used
        assertThat(main).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "15000");
    }

    private static RulesConfig config() {
        return (RulesConfig) Proxy.newProxyInstance(
                RulesConfig.class.getClassLoader(),
                new Class<?>[] {RulesConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "applicationId" -> "thinkwatch-rules";
                    case "stateDir" -> "target/rules-state-properties-test";
                    case "streamThreads" -> 2;
                    case "streams" -> Map.of();
                    case "findingRetention", "stateRetention", "allowedLateness", "reloadInterval" ->
                        Duration.ofHours(1);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
