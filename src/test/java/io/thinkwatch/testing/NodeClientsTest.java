package io.thinkwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeClientsTest {

    @Test
    void aScriptThatFailedFailsTheTestWithItsStderr() {
        // Given a script that exited with 1 after printing its error
        NodeClients.Run run = new NodeClients.Run("genai.mjs", 1, "", "Error: fetch failed\ncause: ECONNREFUSED");

        // When the test reads its answer
        // Then it fails, naming the script, the exit code and what the script said
        assertThatThrownBy(run::json)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("genai.mjs exited with 1")
                .hasMessageContaining("cause: ECONNREFUSED");
    }

    @Test
    void aScriptThatPrintedNoJsonFailsTheTest() {
        // Given a script that exited with 0 but printed no JSON
        NodeClients.Run run = new NodeClients.Run("otel.mjs", 0, "exported\n", "");

        // When the test reads its answer
        // Then it fails with what was printed
        assertThatThrownBy(run::json).isInstanceOf(AssertionError.class).hasMessageContaining("exported");
    }

    @Test
    void aScriptsJsonIsItsAnswer() {
        // Given a script that printed one JSON document
        NodeClients.Run run = new NodeClients.Run("ai-sdk.mjs", 0, "{\"text\":\"41 minutes\"}\n", "");

        // When the test reads its answer
        // Then it is that document
        assertThat(run.json().path("text").asText()).isEqualTo("41 minutes");
    }
}
