package io.thinkwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class TextShownTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private ObjectNode trace(String json) throws Exception {
        return (ObjectNode) mapper.readTree(json);
    }

    @Test
    void pageListsEachTraceWithTheTextItShowed() throws Exception {
        // Given a page of three traces: one with answer and reasoning, one with an answer only, one with metadata only
        List<ObjectNode> page = List.of(
                trace("{\"traceId\":\"a\",\"answer\":\"x\",\"reasoningText\":\"y\",\"model\":\"o3\"}"),
                trace("{\"traceId\":\"b\",\"answer\":\"x\"}"),
                trace("{\"traceId\":\"c\",\"model\":\"o3\"}"));

        // When what it showed is taken
        TextShown shown = TextShown.of(page);

        // Then the two traces with text are listed in page order, each with its fields, and the union is known
        assertThat(shown.traceIds()).containsExactly("a", "b");
        assertThat(shown.fieldsByTrace().get("a")).containsExactly("answer", "reasoningText");
        assertThat(shown.fieldsByTrace().get("b")).containsExactly("answer");
        assertThat(shown.fields()).containsExactly("answer", "reasoningText");
    }

    @Test
    void metadataOnlyPageShowedNothing() throws Exception {
        // Given a page as a viewer gets it
        List<ObjectNode> page = List.of(trace("{\"traceId\":\"a\",\"model\":\"o3\",\"usage\":{\"outputTokens\":3}}"));

        // When what it showed is taken
        // Then it showed no captured text
        assertThat(TextShown.of(page).isEmpty()).isTrue();
    }
}
