package io.thinkwatch.rules.bench;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.thinkwatch.model.EventTime;
import io.thinkwatch.model.Finding;
import io.thinkwatch.model.RuleKind;
import io.thinkwatch.rules.CompiledRule;

/** Compares findings with the labels of a synthetic data set, per rule and per kind, at the level of findings. */
final class Scoring {

    final Map<String, Score> byRule = new TreeMap<>();
    final Map<RuleKind, Score> byKind = new TreeMap<>();

    Scoring(List<SyntheticTraffic.Call> calls, List<CompiledRule> rules, Collection<Finding> found) {
        Map<String, Set<String>> expected = expected(calls, rules);
        for (CompiledRule rule : rules) {
            Set<String> detected = new HashSet<>();
            found.stream()
                    .filter(f -> f.ruleName().equals(rule.name()))
                    .forEach(f -> detected.add(f.groupKey() + "@" + f.windowStart()));
            Score score = Score.of(expected.getOrDefault(rule.name(), Set.of()), detected);
            byRule.put(rule.name(), score);
            byKind.merge(rule.kind(), score, Score::plus);
        }
    }

    /** Per rule name, the keys (group @ window start) of the findings the labels call for. */
    private static Map<String, Set<String>> expected(List<SyntheticTraffic.Call> calls, List<CompiledRule> rules) {
        Map<String, CompiledRule> byName = new HashMap<>();
        rules.forEach(rule -> byName.put(rule.name(), rule));
        Map<String, Set<String>> expected = new HashMap<>();
        for (SyntheticTraffic.Call call : calls) {
            Instant at = EventTime.of(call.trace(), Instant.EPOCH);
            for (String name : call.expectedRules()) {
                CompiledRule rule = byName.get(name);
                expected.computeIfAbsent(name, n -> new HashSet<>())
                        .add(rule.groupKey(call.trace()) + "@" + rule.windowStart(at));
            }
        }
        return expected;
    }
}
