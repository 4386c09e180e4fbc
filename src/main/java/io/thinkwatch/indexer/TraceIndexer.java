package io.thinkwatch.indexer;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.opensearch.client.opensearch.OpenSearchClient;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.thinkwatch.platform.GroupMember;
import io.thinkwatch.platform.KafkaTopicsSetup;
import io.thinkwatch.platform.OpenSearchConfig;
import io.thinkwatch.platform.OpenSearchFailure;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The indexer role: runs one {@link IndexerLoop} of the configured group on its own thread, writing traces and
 * findings.
 */
@ApplicationScoped
public class TraceIndexer {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "thinkwatch-indexer"));
    private IndexerLoop loop;

    void start(
            @Observes StartupEvent event,
            Roles roles,
            IndexerConfig config,
            OpenSearchClient client,
            OpenSearchConfig openSearch,
            ObjectMapper mapper,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            KafkaTopicsSetup topics,
            GroupMember member,
            MeterRegistry registry) {
        if (!roles.has(Role.INDEXER)) {
            return;
        }
        List<String> indexed =
                Arrays.stream(IndexedTopic.values()).map(topic -> topic.topic).toList();
        BulkWriter writer =
                new BulkWriter(client, mapper, config.maxBatchBytes(), config.maxRequestText(), openSearch.username());
        loop = IndexerLoop.of(indexed, config.groupId(), config, kafka, member.settings(), writer, registry, () -> {
            if (!topics.ensureTopics(Duration.ofSeconds(10))) {
                throw new IOException("Kafka topics could not be checked or created");
            }
            try {
                for (IndexedTopic topic : IndexedTopic.values()) {
                    topic.installTemplate(client, config.replicas());
                }
            } catch (IOException | RuntimeException e) {
                // One line per attempt that says what to fix (a wrong password, an untrusted certificate)
                throw new IOException(OpenSearchFailure.describe(e, openSearch.username()), e);
            }
        });
        thread.execute(loop);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (loop != null) {
            loop.stop();
        }
        thread.shutdown();
        if (!thread.awaitTermination(20, TimeUnit.SECONDS)) {
            thread.shutdownNow();
        }
    }
}
