package io.thinkwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.Finding;
import io.thinkwatch.model.RuleKind;
import io.thinkwatch.model.Severity;
import io.thinkwatch.model.Unit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class PagerDutySenderTest {

    static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

    static Finding finding(Severity severity, String app) {
        return new Finding(
                "f-1",
                "acme",
                "rule-1",
                "Empty answers",
                RuleKind.EMPTY_ANSWER_AFTER_REASONING,
                severity,
                "app=checkout",
                T,
                T.plusSeconds(600),
                T,
                T.plusSeconds(30),
                3,
                List.of("t1"),
                app,
                "o3",
                4000.0,
                null,
                Unit.TOKENS,
                12000L,
                4000L,
                new BigDecimal("0.720000"),
                "empty answer after 4000 reasoning tokens",
                List.of("pd"));
    }

    static AlertMessage message(AlertAction action, Finding finding) {
        return new AlertMessage(
                "n-1", action, "g-1", finding, 3, false, Duration.ofMinutes(10), "http://console/findings/f-1", T);
    }

    private final PagerDutySender sender = new PagerDutySender(null, new ObjectMapper());

    @Test
    void triggerCarriesRoutingKeyDedupKeyAndSummary() {
        // Given a critical finding of app checkout
        AlertMessage message = message(AlertAction.TRIGGER, finding(Severity.CRITICAL, "checkout"));

        // When the PagerDuty event is built
        ObjectNode event = sender.payload(message, "R0UTING");

        // Then it is a trigger on the group's dedup key with the mapped severity and the app as source
        assertThat(event.get("routing_key").asText()).isEqualTo("R0UTING");
        assertThat(event.get("event_action").asText()).isEqualTo("trigger");
        assertThat(event.get("dedup_key").asText()).isEqualTo("g-1");
        assertThat(event.at("/payload/summary").asText())
                .isEqualTo("[CRITICAL] Empty answers: empty answer after 4000 reasoning tokens (3 matching calls)");
        assertThat(event.at("/payload/severity").asText()).isEqualTo("critical");
        assertThat(event.at("/payload/source").asText()).isEqualTo("checkout");
        assertThat(event.at("/payload/custom_details/Cost").asText()).isEqualTo("$0.72");
        assertThat(event.at("/links/0/href").asText()).isEqualTo("http://console/findings/f-1");
    }

    @Test
    void resolveCarriesOnlyTheKeys() {
        // Given a resolved finding
        AlertMessage message = message(AlertAction.RESOLVE, finding(Severity.WARNING, null));

        // When the event is built
        ObjectNode event = sender.payload(message, "R0UTING");

        // Then it resolves the same dedup key and has no payload
        assertThat(event.toString())
                .isEqualTo("{\"routing_key\":\"R0UTING\",\"event_action\":\"resolve\",\"dedup_key\":\"g-1\"}");
    }

    @Test
    void sourceFallsBackToTheTenantWithoutApp() {
        // Given an info finding over several apps
        AlertMessage message = message(AlertAction.TRIGGER, finding(Severity.INFO, null));

        // When the event is built
        ObjectNode event = sender.payload(message, "R");

        // Then the source names the tenant and the severity is info
        assertThat(event.at("/payload/source").asText()).isEqualTo("thinkwatch/acme");
        assertThat(event.at("/payload/severity").asText()).isEqualTo("info");
    }
}
