package io.thinkwatch.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.thinkwatch.model.Finding;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.rules.evaluators.GroupState;
import io.thinkwatch.rules.evaluators.Match;
import io.thinkwatch.rules.evaluators.MemoryState;

/**
 * Runs rules over calls in memory, in the order given, with the engine's evaluators, grouping and
 * de-duplication: what a backtest replays and the detection benchmark measures.
 */
public final class Detector {

    private final Map<String, MemoryState> states = new HashMap<>();
    private final Map<String, Finding> findings = new LinkedHashMap<>();
    private long matches;
    private long errors;

    /** Judges one call for one rule; returns the finding it was counted into, if it matched. */
    public Optional<Finding> accept(CompiledRule rule, TraceEvent trace, Instant at) {
        if (!rule.applies(trace)) {
            return Optional.empty();
        }
        try {
            String group = rule.groupKey(trace);
            GroupState state = rule.kind().stateful()
                    ? states.computeIfAbsent(rule.id() + "|" + group, key -> new MemoryState())
                    : GroupState.NONE;
            Optional<Match> match = rule.evaluator().evaluate(trace, at, state);
            if (match.isEmpty()) {
                return Optional.empty();
            }
            matches++;
            String id = FindingMerge.findingId(rule, group, at);
            Finding merged = FindingMerge.merge(findings.get(id), rule, group, trace, at, match.get());
            findings.put(id, merged);
            return Optional.of(merged);
        } catch (RuntimeException e) {
            errors++;
            return Optional.empty();
        }
    }

    /** Every finding so far, oldest first. */
    public List<Finding> findings() {
        List<Finding> all = new ArrayList<>(findings.values());
        all.sort(Comparator.comparing(Finding::firstSeenAt).thenComparing(Finding::findingId));
        return all;
    }

    /** Calls that matched. */
    public long matches() {
        return matches;
    }

    /** Calls on which a rule failed. */
    public long errors() {
        return errors;
    }
}
