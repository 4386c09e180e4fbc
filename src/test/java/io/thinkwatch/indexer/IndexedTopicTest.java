package io.thinkwatch.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.thinkwatch.testing.TestTraces;

import com.fasterxml.jackson.databind.JsonNode;

/** The index templates carry the configured replica count ({@code thinkwatch.indexer.replicas}). */
class IndexedTopicTest {

    @ParameterizedTest
    @EnumSource(IndexedTopic.class)
    void theTemplateHasTheConfiguredReplicas(IndexedTopic topic) throws IOException {
        // When the template is made for one replica
        JsonNode template = TestTraces.JSON.readTree(topic.template(1));

        // Then its indices get one copy of each shard besides the primary, and keep the rest of their settings
        JsonNode settings = template.path("template").path("settings");
        assertThat(settings.path("number_of_replicas").asInt()).isEqualTo(1);
        assertThat(settings.path("number_of_shards").asInt()).isEqualTo(1);
        assertThat(template.path("index_patterns").get(0).asText()).startsWith("thinkwatch-");
        assertThat(template.path("template").path("mappings").path("properties").has(topic.idField))
                .isTrue();
    }
}
