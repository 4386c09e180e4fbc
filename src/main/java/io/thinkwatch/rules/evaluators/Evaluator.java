package io.thinkwatch.rules.evaluators;

import java.time.Instant;
import java.util.Optional;

import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.Unit;

/** Judges one call for one rule. Stateful kinds read and update their state for the call's group. */
public interface Evaluator {

    /**
     * Judges one call.
     *
     * @param trace the call; stateful kinds see it without prompt and answer text
     * @param at the call's event time (completion, else start)
     * @param state this rule's state for the call's group; per-call kinds ignore it
     */
    Optional<Match> evaluate(TraceEvent trace, Instant at, GroupState state);

    /** What a match's observed value and threshold count; null for yes/no kinds, whose matches carry neither. */
    default Unit unit() {
        return null;
    }
}
