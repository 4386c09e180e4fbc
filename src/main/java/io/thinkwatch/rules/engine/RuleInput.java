package io.thinkwatch.rules.engine;

import java.time.Instant;

import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.rules.evaluators.Match;

/**
 * One call routed to one rule and group, on the repartition topic keyed by {@code ruleId|groupKey}: a per-call
 * rule's match, or a call a stateful rule must still judge. The trace carries no prompt or answer text.
 */
record RuleInput(String ruleId, String groupKey, Instant at, TraceEvent trace, Match match) {

    String key() {
        return ruleId + "|" + groupKey;
    }
}
