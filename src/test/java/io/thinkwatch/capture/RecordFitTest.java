package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.RequestInfo;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.rules.TraceBuilder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

class RecordFitTest {

    private static final int ONE_MB = 1_048_576 - 1024;
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();

    @Test
    void traceWithinTheLimitIsSentAsItIs() throws Exception {
        // Given an ordinary trace
        TraceEvent trace = TraceBuilder.call().answer("Route B.").build();

        // When it is serialized for Kafka
        byte[] bytes = new RecordFit(mapper, ONE_MB, 65_536).serialize(trace);

        // Then it is the plain serialization
        assertThat(bytes).isEqualTo(mapper.writeValueAsBytes(trace));
    }

    @Test
    void conversationOverTheRecordLimitIsCutUntilItFitsAndKeepsItsNumbers() throws Exception {
        // Given a trace of a long conversation: 40 messages of 60,000 characters, each under the per-text limit,
        // together 2.4 MB, more than one Kafka record takes
        ArrayNode messages = mapper.createArrayNode();
        for (int i = 0; i < 40; i++) {
            messages.addObject().put("role", "user").put("content", "m" + i + " " + "x".repeat(60_000));
        }
        TraceEvent trace = TraceBuilder.call()
                .tokens(30_000, 200)
                .answer("a".repeat(60_000))
                .request(new RequestInfo(messages, null, null))
                .build();
        assertThat(mapper.writeValueAsBytes(trace).length).isGreaterThan(ONE_MB);

        // When it is serialized for Kafka
        byte[] bytes = new RecordFit(mapper, ONE_MB, 65_536).serialize(trace);

        // Then it fits, every text says it was cut, and ids and usage are as they were
        assertThat(bytes.length).isLessThanOrEqualTo(ONE_MB);
        JsonNode sent = mapper.readTree(bytes);
        assertThat(sent.path("traceId").asText()).isEqualTo(trace.traceId());
        assertThat(sent.path("usage").path("reasoningTokens").asLong()).isEqualTo(30_000);
        assertThat(sent.path("request").path("messages")).hasSize(40);
        assertThat(sent.path("request").path("messages").get(39).path("content").asText())
                .startsWith("m39 xxx")
                .contains("cut by Thinkwatch");
        assertThat(sent.path("answer").asText()).startsWith("aaa").contains("cut by Thinkwatch");
    }
}
