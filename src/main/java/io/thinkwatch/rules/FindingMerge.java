package io.thinkwatch.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.thinkwatch.model.Finding;
import io.thinkwatch.model.FindingIds;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.rules.evaluators.Match;

/**
 * Folds one match into the finding of its rule, group and window: the first match files it, later ones raise
 * its count, extend its trace list (to {@value Finding#MAX_TRACE_IDS}) and sums. The engine and backtests share it.
 */
public final class FindingMerge {

    private FindingMerge() {}

    public static String findingId(CompiledRule rule, String groupKey, Instant at) {
        return FindingIds.of(rule.id(), groupKey, rule.windowStart(at));
    }

    /**
     * Counts a matching trace into its finding.
     *
     * @param existing the finding so far for this rule, group and window, or null
     * @return the updated finding; {@code existing} itself when the trace was already counted
     */
    public static Finding merge(
            Finding existing, CompiledRule rule, String groupKey, TraceEvent trace, Instant at, Match match) {
        Long reasoning = trace.usage() == null ? null : trace.usage().reasoningTokens();
        if (existing == null) {
            Instant start = rule.windowStart(at);
            return new Finding(
                    FindingIds.of(rule.id(), groupKey, start),
                    rule.tenant(),
                    rule.id(),
                    rule.name(),
                    rule.kind(),
                    rule.severity(),
                    groupKey,
                    start,
                    start.plus(rule.dedupWindow()),
                    at,
                    at,
                    1,
                    List.of(trace.traceId()),
                    trace.app(),
                    trace.model(),
                    match.observed(),
                    match.threshold(),
                    rule.evaluator().unit(),
                    reasoning,
                    trace.maxOutputTokens(),
                    trace.costUsd(),
                    match.message(),
                    rule.channels(),
                    match.verdict());
        }
        if (existing.traceIds().contains(trace.traceId())) {
            return existing;
        }
        List<String> traceIds = existing.traceIds();
        if (traceIds.size() < Finding.MAX_TRACE_IDS) {
            traceIds = new ArrayList<>(traceIds);
            traceIds.add(trace.traceId());
            traceIds = List.copyOf(traceIds);
        }
        boolean latest = !at.isBefore(existing.lastSeenAt());
        // The value, its limit and the words shown with them come from one match, so a finding never reads one
        // number in its message and another as its measured value: the worst match, or the latest of yes/no kinds.
        Double before = existing.observedValue();
        boolean worst =
                match.observed() == null ? before == null && latest : before == null || match.observed() > before;
        return new Finding(
                existing.findingId(),
                existing.tenant(),
                existing.ruleId(),
                rule.name(),
                rule.kind(),
                rule.severity(),
                groupKey,
                existing.windowStart(),
                existing.windowEnd(),
                min(existing.firstSeenAt(), at),
                latest ? at : existing.lastSeenAt(),
                existing.count() + 1,
                traceIds,
                Objects.equals(existing.app(), trace.app()) ? existing.app() : null,
                Objects.equals(existing.model(), trace.model()) ? existing.model() : null,
                worst ? match.observed() : before,
                worst ? match.threshold() : existing.threshold(),
                rule.evaluator().unit(),
                sum(existing.reasoningTokens(), reasoning),
                latest && trace.maxOutputTokens() != null ? trace.maxOutputTokens() : existing.maxOutputTokens(),
                sum(existing.costUsd(), trace.costUsd()),
                worst ? match.message() : existing.message(),
                rule.channels(),
                worst ? match.verdict() : existing.verdict());
    }

    private static Instant min(Instant a, Instant b) {
        return b.isBefore(a) ? b : a;
    }

    private static Long sum(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + b;
    }

    private static BigDecimal sum(BigDecimal a, BigDecimal b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a.add(b);
    }
}
