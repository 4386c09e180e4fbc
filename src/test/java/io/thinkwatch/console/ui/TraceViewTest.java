package io.thinkwatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** How the trace page writes what capture redacted. */
class TraceViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void redactionsShowTheirCountByType() throws Exception {
        // Given a trace in which capture replaced two addresses and a key
        // When its redactions are written for the page
        String shown = TraceView.redactions(
                JSON.readTree("{\"redactions\":3,\"redactionsByType\":{\"email\":2,\"openai_key\":1}}"));

        // Then the total comes with the count of each type
        assertThat(shown).isEqualTo("3 (email 2, openai_key 1)");
    }

    @Test
    void noRedactionIsJustZero() throws Exception {
        // Given a trace in which nothing was replaced
        // When its redactions are written for the page
        String shown = TraceView.redactions(JSON.readTree("{\"redactions\":0}"));

        // Then it says 0
        assertThat(shown).isEqualTo("0");
    }
}
