package io.thinkwatch.rules.engine;

import java.time.Instant;

import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.rules.evaluators.Match;

/**
 * One call routed to one rule and group, on the repartition topic keyed by {@code ruleId|groupKey}: a per-call
 * rule's match, or a call a stateful rule must still judge. The trace carries no prompt or answer text.
 *
 * @param partition the partition of {@code thinkwatch.traces} the call was read from (null in records written
 *        before it was added)
 * @param partitionTime the newest event time stage one had seen on that partition when it sent this: how far that
 *        partition has got, from which stage two derives its watermark
 */
record RuleInput(
        String ruleId,
        String groupKey,
        Instant at,
        TraceEvent trace,
        Match match,
        Integer partition,
        Instant partitionTime) {

    String key() {
        return ruleId + "|" + groupKey;
    }
}
