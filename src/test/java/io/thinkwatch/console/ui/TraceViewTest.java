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

    @Test
    void theApplicationsTraceLinksThroughTheConfiguredTemplate() throws Exception {
        // Given a trace that carries the application's trace context, and a Jaeger URL template
        String template = "https://jaeger.example/trace/{traceId}?uiFind={spanId}";

        // When the page reads it
        TraceView.AppTrace appTrace = TraceView.appTrace(
                JSON.readTree("{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"00f067aa0ba902b7\"}"),
                template);

        // Then the link names the trace and the span
        assertThat(appTrace.url())
                .isEqualTo("https://jaeger.example/trace/4bf92f3577b34da6a3ce929d0e0e4736?uiFind=00f067aa0ba902b7");
    }

    @Test
    void storedIdsThatAreNoTraceContextGiveNoLink() throws Exception {
        // Given a stored trace context whose trace id is not 32 hex digits (stored data is untrusted)
        // When the page reads it
        TraceView.AppTrace appTrace = TraceView.appTrace(
                JSON.readTree("{\"traceId\":\"javascript:alert(1)\",\"spanId\":\"00f067aa0ba902b7\"}"),
                "https://jaeger.example/trace/{traceId}");

        // Then there is no application trace to show
        assertThat(appTrace).isNull();
    }
}
