package io.thinkwatch.rules.evaluators;

import static io.thinkwatch.rules.TraceBuilder.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class LatencyAboveTest {

    private final LatencyAbove rule = new LatencyAbove(60_000);

    @Test
    void slowCallMatches() {
        // Given a call that took 95 seconds
        // When the rule judges it
        // Then it matches
        assertThat(rule.evaluate(call().latency(95_000).build(), Instant.EPOCH, GroupState.NONE))
                .contains(new Match(95_000.0, 60_000.0, "latency 95000 ms above 60000 ms"));
    }

    @Test
    void fastCallDoesNotMatch() {
        // Given a call that took 2 seconds
        // When the rule judges it
        // Then it does not match
        assertThat(rule.evaluate(call().latency(2_000).build(), Instant.EPOCH, GroupState.NONE))
                .isEmpty();
    }
}
